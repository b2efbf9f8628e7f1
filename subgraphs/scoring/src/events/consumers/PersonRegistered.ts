import type { EventHandlers } from '@pq/events';
import type { ScoringReads } from '../consumed';
import { personRegistered } from '../../commands/read-models';

export const PersonRegistered: EventHandlers<ScoringReads>['PersonRegistered'] = (payload, { em }) => personRegistered(em, payload);
