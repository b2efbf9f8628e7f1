import type { EventHandlers } from '@pq/events';
import type { AppealsReads } from '../consumed';
import { recordNoticeDelivered } from '../../commands/read-models';

export const NoticeDelivered: NonNullable<EventHandlers<AppealsReads>['NoticeDelivered']> = (payload, { em }) => recordNoticeDelivered(em, payload);
