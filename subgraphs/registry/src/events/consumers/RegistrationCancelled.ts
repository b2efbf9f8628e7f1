import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { recordRegistrationCancelled } from '../../commands/change-feed';

export const RegistrationCancelled: EventHandlers<RegistryReads>['RegistrationCancelled'] = (cancelled, { em, event }) =>
  recordRegistrationCancelled(em, cancelled, event.id);
