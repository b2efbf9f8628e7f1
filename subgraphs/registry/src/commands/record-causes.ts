import type { EntityManager } from '@pq/data';
import type { IsoDate } from '@pq/time';
import type { RegistryReads } from '../events/consumed';
import { recordAgreementMeasure, recordBanChanged, recordSanction, recordSanctionLifted } from '../repositories/person-causes';
import { rederivePersons } from './derive-status';

/** Each cause is recorded as it arrives; the statuses it bears on are then derived again from all causes. */

export async function applySanctionDecided(em: EntityManager, sanction: RegistryReads['SanctionDecided'], today: IsoDate): Promise<void> {
  await recordSanction(em, sanction);
  await rederivePersons(em, [sanction.personCode], today);
}

export async function applySanctionLifted(em: EntityManager, lifted: RegistryReads['SanctionLifted'], today: IsoDate): Promise<void> {
  await recordSanctionLifted(em, lifted);
  await rederivePersons(em, [lifted.personCode], today);
}

export async function applyBanChanged(em: EntityManager, ban: RegistryReads['ReRegistrationBanChanged'], today: IsoDate): Promise<void> {
  await recordBanChanged(em, ban);
  await rederivePersons(em, [ban.personCode], today);
}

export async function applyAgreementMeasure(em: EntityManager, measure: RegistryReads['AgreementMeasureApplied'], today: IsoDate): Promise<void> {
  await rederivePersons(em, await recordAgreementMeasure(em, measure), today);
}
