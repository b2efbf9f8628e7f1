import type { Person } from './appeal.types';

/** `_entities` for Person: registry owns it; appeals adds fields from the key alone. */
export const personReference = {
  __resolveReference: (reference: { code: string }): Person => ({ code: reference.code }),
};
