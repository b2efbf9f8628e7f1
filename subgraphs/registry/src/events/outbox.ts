import { EventHandlers, Outbox } from '@pq/kit';
import { applyInstitution } from '../commands/apply-institution';
import { rederivePersons } from '../commands/derive-status';
import { recordAgreementMeasure, recordBanChanged, recordSanction, recordSanctionLifted } from '../repositories/person-causes';

export const outbox = new Outbox('registry');

/** Each cause is recorded as it arrives; the statuses it bears on are then derived again from all causes. */
export const eventHandlers: EventHandlers = {
  InstitutionUpserted: (payload, { em }) => applyInstitution(em, payload),
  SanctionDecided: async (sanction, { em, clock }) => {
    await recordSanction(em, sanction);
    await rederivePersons(em, [sanction.personCode], clock.today());
  },
  SanctionLifted: async (lifted, { em, clock }) => {
    await recordSanctionLifted(em, lifted);
    await rederivePersons(em, [lifted.personCode], clock.today());
  },
  ReRegistrationBanChanged: async (ban, { em, clock }) => {
    await recordBanChanged(em, ban);
    await rederivePersons(em, [ban.personCode], clock.today());
  },
  AgreementMeasureApplied: async (measure, { em, clock }) => {
    await rederivePersons(em, await recordAgreementMeasure(em, measure), clock.today());
  },
};
