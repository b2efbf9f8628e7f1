import type { EventHandlers } from '@pq/kit';
import { AppealDecided } from './AppealDecided';
import { InstitutionUpserted } from './InstitutionUpserted';
import { PersonRegistered } from './PersonRegistered';
import { RegistrationCancelled } from './RegistrationCancelled';

/** The events scoring consumes, one handler each. */
export const eventHandlers: EventHandlers = { PersonRegistered, RegistrationCancelled, InstitutionUpserted, AppealDecided };
