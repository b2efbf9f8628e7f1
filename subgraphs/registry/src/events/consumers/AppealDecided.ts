import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { recordAppealDecided } from '../../commands/change-feed';

/** Events written before the payload named the person carry it as their key. */
export const AppealDecided: EventHandlers<RegistryReads>['AppealDecided'] = (appeal, { em, event }) => recordAppealDecided(em, appeal, event.id, event.key);
