import type { ScoreRecord } from '../entities/score-record';
import type { Context } from './context';

/** `_entities` for ScoreRecord, scoped like every read of a record. */
export const scoreRecordReference = {
  __resolveReference: (reference: { id: string }, context: Context): Promise<ScoreRecord | null> => context.loaders.scoreRecord.load(reference.id),
};
