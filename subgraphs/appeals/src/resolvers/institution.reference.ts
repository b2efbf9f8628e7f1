import type { Institution } from './appeal.types';

/** `_entities` for Institution: agreements owns it; appeals adds fields from the key alone. */
export const institutionReference = {
  __resolveReference: (reference: { code: string }): Institution => ({ code: reference.code }),
};
