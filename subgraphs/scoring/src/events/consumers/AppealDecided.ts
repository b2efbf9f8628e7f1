import type { EventHandlers } from '@pq/kit';
import { applyAppealDecision } from '../../commands/appeal-decision';

export const AppealDecided: EventHandlers['AppealDecided'] = (payload, { em, clock }) => applyAppealDecision(em, payload, clock.today());
