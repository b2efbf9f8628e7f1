import type { EventHandlers } from '@pq/events';
import type { AppealsReads } from '../consumed';
import { recordScoreRecord } from '../../commands/read-models';

export const ScoreRecorded: NonNullable<EventHandlers<AppealsReads>['ScoreRecorded']> = (payload, { em }) => recordScoreRecord(em, payload);
