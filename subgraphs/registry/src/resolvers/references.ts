import type { Person } from '../entities/person';
import type { Registration } from '../entities/registration';
import type { Context } from './context';
import type { Institution } from './person.types';

/** `_entities` for registry's types, batched through the request's loaders. */
export const referenceResolvers = {
  Person: {
    __resolveReference: (reference: { code: string }, context: Context): Promise<Person | null> => context.loaders.person.load(reference.code),
  },
  Registration: {
    __resolveReference: (reference: { id: string }, context: Context): Promise<Registration | null> => context.loaders.registration.load(reference.id),
  },
  Institution: {
    __resolveReference: (reference: { code: string }): Institution => ({ code: reference.code }),
  },
};
