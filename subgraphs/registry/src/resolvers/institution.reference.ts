import type { Institution } from './person.types';

/** Institution is the agreements subgraph's: registry only adds its personnel, so the key is all it needs. */
export const institutionReference = {
  Institution: {
    __resolveReference: (reference: { code: string }): Institution => ({ code: reference.code }),
  },
};
