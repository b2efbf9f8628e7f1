import type { EventHandlers } from '@pq/kit';
import { applyBanChanged } from '../../commands/record-causes';

export const ReRegistrationBanChanged: EventHandlers['ReRegistrationBanChanged'] = (ban, { em, clock }) => applyBanChanged(em, ban, clock.today());
