import type { EventHandlers } from '@pq/kit';
import { personRegistered } from '../../commands/read-models';

export const PersonRegistered: EventHandlers['PersonRegistered'] = (payload, { em }) => personRegistered(em, payload);
