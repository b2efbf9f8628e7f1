import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { applyBanChanged } from '../../commands/record-causes';

export const ReRegistrationBanChanged: EventHandlers<RegistryReads>['ReRegistrationBanChanged'] = (ban, { em, clock, event }) =>
  applyBanChanged(em, ban, clock.today(), event.id);
