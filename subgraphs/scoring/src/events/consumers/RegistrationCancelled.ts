import type { EventHandlers } from '@pq/kit';
import { registrationCancelled } from '../../commands/read-models';

export const RegistrationCancelled: EventHandlers['RegistrationCancelled'] = (payload, { em }) => registrationCancelled(em, payload);
