import { EventHandlers, Outbox } from '@pq/kit';
import { applyAgreementMeasure } from '../commands/apply-agreement-measure';
import { applyInstitution } from '../commands/apply-institution';
import { Person } from '../entities/person';
import { applySanction, applySanctionLifted } from '../commands/apply-sanction';

export const outbox = new Outbox('registry');

export const eventHandlers: EventHandlers = {
  InstitutionUpserted: (payload, { em }) => applyInstitution(em, payload),
  SanctionDecided: (payload, { em }) => applySanction(em, payload),
  SanctionLifted: (payload, { em }) => applySanctionLifted(em, payload),
  AgreementMeasureApplied: (payload, { em }) => applyAgreementMeasure(em, payload),
  ReRegistrationBanChanged: async (ban, { em }) => {
    await em.nativeUpdate(Person, { code: ban.personCode }, { reRegistrationBlockedUntil: ban.until });
  },
};
