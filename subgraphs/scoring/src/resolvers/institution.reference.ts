import type { Institution } from './score.types';

/** `_entities` for Institution: owned by agreements, its key is all scoring needs. */
export const institutionReference = {
  __resolveReference: (reference: { code: string }): Institution => ({ code: reference.code }),
};
