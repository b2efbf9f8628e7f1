import type { EventHandlers } from '@pq/events';
import type { AppealsReads } from '../consumed';
import { recordScoreRecord } from '../../commands/keep-read-models';

export const onScoreRecorded: NonNullable<EventHandlers<AppealsReads>['ScoreRecorded']> = (payload, { em }) => recordScoreRecord(em, payload);
