import type { Institution } from '../entities/institution';
import type { Context } from './context';

/** `_entities` for Institution: batched through the request's loader, never one query per key. */
export const institutionReference = {
  __resolveReference(reference: { code: string }, context: Context): Promise<Institution | null> {
    return context.loaders.institution.load(reference.code);
  },
};
