import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { AgreementMeasureApplied } from './AgreementMeasureApplied';
import { InstitutionUpserted } from './InstitutionUpserted';
import { ReRegistrationBanChanged } from './ReRegistrationBanChanged';
import { SanctionDecided } from './SanctionDecided';
import { SanctionLifted } from './SanctionLifted';

/** The events registry consumes: each records a fact and derives again what it bears on. */
export const eventHandlers: EventHandlers<RegistryReads> = {
  InstitutionUpserted,
  SanctionDecided,
  SanctionLifted,
  ReRegistrationBanChanged,
  AgreementMeasureApplied,
};
