import type { Context } from './context';
import type { Person } from './score.types';

/** `_entities` for Person: owned by registry, scoring resolves it where the caller may see the person. */
export const personReference = {
  __resolveReference: (reference: { code: string }, context: Context): Promise<Person | null> => context.loaders.visiblePerson.load(reference.code),
};
