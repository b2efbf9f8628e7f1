import type { EventHandlers } from '@pq/events';
import type { AppealsReads } from '../consumed';
import { recordNoticeDelivered } from '../../commands/keep-read-models';

export const onNoticeDelivered: NonNullable<EventHandlers<AppealsReads>['NoticeDelivered']> = (payload, { em }) => recordNoticeDelivered(em, payload);
