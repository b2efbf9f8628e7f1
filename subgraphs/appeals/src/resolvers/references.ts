import type { Appeal } from '../entities/appeal';
import type { Context } from './context';
import type { Institution, Person, ScoreRecord } from './appeal.types';

export const referenceResolvers = {
  Person: { __resolveReference: (reference: { code: string }): Person => ({ code: reference.code }) },
  ScoreRecord: { __resolveReference: (reference: { id: string }): ScoreRecord => ({ id: reference.id }) },
  Institution: { __resolveReference: (reference: { code: string }): Institution => ({ code: reference.code }) },
  Appeal: { __resolveReference: (reference: { id: string }, context: Context): Promise<Appeal | null> => context.loaders.appeal.load(reference.id) },
};
