import type { EventHandlers } from '@pq/events';
import type { ScoringReads } from '../consumed';
import { AppealDecided } from './AppealDecided';
import { InstitutionUpserted } from './InstitutionUpserted';
import { PersonRegistered } from './PersonRegistered';
import { RegistrationCancelled } from './RegistrationCancelled';

/** The events scoring consumes, one handler each. */
export const eventHandlers: EventHandlers<ScoringReads> = { PersonRegistered, RegistrationCancelled, InstitutionUpserted, AppealDecided };
