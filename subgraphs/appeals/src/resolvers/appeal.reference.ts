import type { Appeal } from '../entities/appeal';
import type { Context } from './context';

/** `_entities` for Appeal: batched through the request's loader, in the caller's scope. */
export const appealReference = {
  __resolveReference: (reference: { id: string }, context: Context): Promise<Appeal | null> => context.loaders.appeal.load(reference.id),
};
