import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { recordScore } from '../../commands/change-feed';

export const ScoreRecorded: EventHandlers<RegistryReads>['ScoreRecorded'] = (score, { em, event }) => recordScore(em, score, event.id);
