import type { EventHandlers } from '@pq/events';
import type { AppealsReads } from '../consumed';
import { onInstitutionUpserted } from './InstitutionUpserted';
import { onNoticeDelivered } from './NoticeDelivered';
import { onScoreRecorded } from './ScoreRecorded';

/** The events appeals consumes, each kept in a local read model. */
export const eventHandlers: EventHandlers<AppealsReads> = {
  ScoreRecorded: onScoreRecorded,
  NoticeDelivered: onNoticeDelivered,
  InstitutionUpserted: onInstitutionUpserted,
};
