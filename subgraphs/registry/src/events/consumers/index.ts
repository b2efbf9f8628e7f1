import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { AgreementMeasureApplied } from './AgreementMeasureApplied';
import { AppealDecided } from './AppealDecided';
import { InstitutionUpserted } from './InstitutionUpserted';
import { ReRegistrationBanChanged } from './ReRegistrationBanChanged';
import { SanctionDecided } from './SanctionDecided';
import { SanctionLifted } from './SanctionLifted';
import { ScoreRecorded } from './ScoreRecorded';

/** The events registry consumes: each records a fact and derives again what it bears on; the change feed records them. */
export const eventHandlers: EventHandlers<RegistryReads> = {
  InstitutionUpserted,
  SanctionDecided,
  SanctionLifted,
  ReRegistrationBanChanged,
  AgreementMeasureApplied,
  ScoreRecorded,
  AppealDecided,
};
