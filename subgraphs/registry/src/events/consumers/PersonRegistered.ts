import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { recordRegistered } from '../../commands/change-feed';

export const PersonRegistered: EventHandlers<RegistryReads>['PersonRegistered'] = (registered, { em, event }) =>
  recordRegistered(em, registered, event.id, event.occurredAt.slice(0, 10));
