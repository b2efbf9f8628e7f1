import type { ScoreRecord } from './appeal.types';

/** `_entities` for ScoreRecord: scoring owns it; appeals adds fields from the key alone. */
export const scoreRecordReference = {
  __resolveReference: (reference: { id: string }): ScoreRecord => ({ id: reference.id }),
};
