import { Outbox } from '@pq/events';
import { ScoringEvents, subscribers } from './payloads';

/** What scoring publishes (ScoreRecorded, NoticeDelivered, SanctionDecided, SanctionLifted, ReRegistrationBanChanged), written in the change's transaction. */
export const outbox = new Outbox<ScoringEvents>('scoring', subscribers);
