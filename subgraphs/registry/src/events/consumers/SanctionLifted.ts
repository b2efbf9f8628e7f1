import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { applySanctionLifted } from '../../commands/record-causes';

export const SanctionLifted: EventHandlers<RegistryReads>['SanctionLifted'] = (lifted, { em, clock, event }) =>
  applySanctionLifted(em, lifted, clock.today(), event.id);
