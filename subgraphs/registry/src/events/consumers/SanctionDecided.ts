import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { applySanctionDecided } from '../../commands/record-causes';

export const SanctionDecided: EventHandlers<RegistryReads>['SanctionDecided'] = (sanction, { em, clock, event }) =>
  applySanctionDecided(em, sanction, clock.today(), event.id);
