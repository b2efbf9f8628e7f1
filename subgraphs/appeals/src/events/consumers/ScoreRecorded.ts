import type { EventHandlers } from '@pq/kit';
import { recordScoreRecord } from '../../commands/keep-read-models';

export const onScoreRecorded: NonNullable<EventHandlers['ScoreRecorded']> = (payload, { em }) => recordScoreRecord(em, payload);
