import type { EventHandlers } from '@pq/events';
import type { AppealsReads } from '../consumed';
import { InstitutionUpserted } from './InstitutionUpserted';
import { NoticeDelivered } from './NoticeDelivered';
import { ScoreRecorded } from './ScoreRecorded';

/** The events appeals consumes, each kept in a local read model. */
export const eventHandlers: EventHandlers<AppealsReads> = {
  ScoreRecorded,
  NoticeDelivered,
  InstitutionUpserted,
};
