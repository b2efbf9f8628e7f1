import { Outbox } from '@pq/kit';

/** What scoring publishes (ScoreRecorded, NoticeDelivered, SanctionDecided, SanctionLifted, ReRegistrationBanChanged), written in the change's transaction. */
export const outbox = new Outbox('scoring');
