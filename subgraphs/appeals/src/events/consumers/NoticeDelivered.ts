import type { EventHandlers } from '@pq/kit';
import { recordNoticeDelivered } from '../../commands/keep-read-models';

export const onNoticeDelivered: NonNullable<EventHandlers['NoticeDelivered']> = (payload, { em }) => recordNoticeDelivered(em, payload);
