import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { recordAppealDecided } from '../../commands/change-feed';

/** Appeals publishes it under the person's code (its aggregate key): the payload names the score record only. */
export const AppealDecided: EventHandlers<RegistryReads>['AppealDecided'] = (appeal, { em, event }) => recordAppealDecided(em, appeal, event.id, event.key);
