import type { EntityManager, EventPayloads, IsoDate } from '@pq/kit';
import { recordAgreementMeasure, recordBanChanged, recordSanction, recordSanctionLifted } from '../repositories/person-causes';
import { rederivePersons } from './derive-status';

/** Each cause is recorded as it arrives; the statuses it bears on are then derived again from all causes. */

export async function applySanctionDecided(em: EntityManager, sanction: EventPayloads['SanctionDecided'], today: IsoDate): Promise<void> {
  await recordSanction(em, sanction);
  await rederivePersons(em, [sanction.personCode], today);
}

export async function applySanctionLifted(em: EntityManager, lifted: EventPayloads['SanctionLifted'], today: IsoDate): Promise<void> {
  await recordSanctionLifted(em, lifted);
  await rederivePersons(em, [lifted.personCode], today);
}

export async function applyBanChanged(em: EntityManager, ban: EventPayloads['ReRegistrationBanChanged'], today: IsoDate): Promise<void> {
  await recordBanChanged(em, ban);
  await rederivePersons(em, [ban.personCode], today);
}

export async function applyAgreementMeasure(em: EntityManager, measure: EventPayloads['AgreementMeasureApplied'], today: IsoDate): Promise<void> {
  await rederivePersons(em, await recordAgreementMeasure(em, measure), today);
}
