import type { Person } from '../entities/person';
import type { Context } from './context';

/** `_entities` for Person, batched and scoped through the request's person loader. */
export const personReference = {
  Person: {
    __resolveReference: (reference: { code: string }, context: Context): Promise<Person | null> => context.loaders.person.load(reference.code),
  },
};
