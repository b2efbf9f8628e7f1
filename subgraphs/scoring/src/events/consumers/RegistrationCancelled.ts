import type { EventHandlers } from '@pq/events';
import type { ScoringReads } from '../consumed';
import { registrationCancelled } from '../../commands/read-models';

export const RegistrationCancelled: EventHandlers<ScoringReads>['RegistrationCancelled'] = (payload, { em }) => registrationCancelled(em, payload);
