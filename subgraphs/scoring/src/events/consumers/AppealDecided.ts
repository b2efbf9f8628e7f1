import type { EventHandlers } from '@pq/events';
import type { ScoringReads } from '../consumed';
import { applyAppealDecision } from '../../commands/appeal-decision';

export const AppealDecided: EventHandlers<ScoringReads>['AppealDecided'] = (payload, { em, clock }) => applyAppealDecision(em, payload, clock.today());
