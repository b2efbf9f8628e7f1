import type { Registration } from '../entities/registration';
import type { Context } from './context';

/** `_entities` for Registration, batched and scoped through the request's registration loader. */
export const registrationReference = {
  Registration: {
    __resolveReference: (reference: { id: string }, context: Context): Promise<Registration | null> => context.loaders.registration.load(reference.id),
  },
};
