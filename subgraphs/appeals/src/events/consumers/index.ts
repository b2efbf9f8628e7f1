import type { EventHandlers } from '@pq/kit';
import { onInstitutionUpserted } from './InstitutionUpserted';
import { onNoticeDelivered } from './NoticeDelivered';
import { onScoreRecorded } from './ScoreRecorded';

/** The events appeals consumes, each kept in a local read model. */
export const eventHandlers: EventHandlers = {
  ScoreRecorded: onScoreRecorded,
  NoticeDelivered: onNoticeDelivered,
  InstitutionUpserted: onInstitutionUpserted,
};
