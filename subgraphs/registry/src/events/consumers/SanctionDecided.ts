import type { EventHandlers } from '@pq/kit';
import { applySanctionDecided } from '../../commands/record-causes';

export const SanctionDecided: EventHandlers['SanctionDecided'] = (sanction, { em, clock }) => applySanctionDecided(em, sanction, clock.today());
