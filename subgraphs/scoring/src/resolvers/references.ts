import type { ScoreRecord } from '../entities/score-record';
import type { Context } from './context';
import type { Institution, Person } from './score.types';

/** `_entities` for scoring's types; Person and Institution are owned elsewhere, so their key is all we need. */
export const referenceResolvers = {
  Person: { __resolveReference: (reference: { code: string }, context: Context): Promise<Person | null> => context.loaders.visiblePerson.load(reference.code) },
  Institution: { __resolveReference: (reference: { code: string }): Institution => ({ code: reference.code }) },
  ScoreRecord: {
    __resolveReference: (reference: { id: string }, context: Context): Promise<ScoreRecord | null> => context.loaders.scoreRecord.load(reference.id),
  },
};
