import type { EventHandlers } from '@pq/kit';
import { applySanctionLifted } from '../../commands/record-causes';

export const SanctionLifted: EventHandlers['SanctionLifted'] = (lifted, { em, clock }) => applySanctionLifted(em, lifted, clock.today());
