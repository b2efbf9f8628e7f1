import { EntityManager, EventPayloads, lockAggregates } from '@pq/kit';
import { RegistrationStatus, StatusSource } from '../domain/personnel';
import { Registration } from '../entities/registration';
import { changeRegistrationStatuses } from './status';

const { NORMAL, SUSPENDED, TERMINATED } = RegistrationStatus;

/**
 * R7: an agreement measure reaches the registrations at that institution of the persons named
 * responsible (or of all staff, Zhoushan's rule); the others stay normal and keep working
 * elsewhere. A resumption restores what an agreement measure suspended, never a person-level
 * sanction; a termination also ends what a suspension of the agreement had suspended.
 */
export async function applyAgreementMeasure(em: EntityManager, measure: EventPayloads['AgreementMeasureApplied']): Promise<void> {
  const live = await em.find(Registration, { institutionCode: measure.institutionCode, status: { $in: [NORMAL, SUSPENDED] } });
  await lockAggregates(em, 'person', live.map((r) => r.personCode));
  const named = (r: Registration) => measure.allStaff || measure.responsiblePersonCodes.includes(r.personCode);
  const byAgreement = (r: Registration) => r.status === SUSPENDED && r.statusSource === StatusSource.AGREEMENT_MEASURE;
  const change = { effectiveOn: measure.effectiveOn, basisDocument: measure.basisDocument };

  if (measure.action === 'SUSPEND') {
    const targets = live.filter((r) => r.status === NORMAL && named(r));
    await changeRegistrationStatuses(em, targets, SUSPENDED, { ...change, cause: `agreement suspended (协议中止): ${measure.reason}` });
    for (const r of targets) r.statusSource = StatusSource.AGREEMENT_MEASURE;
  } else if (measure.action === 'RESUME') {
    const targets = live.filter(byAgreement);
    await changeRegistrationStatuses(em, targets, NORMAL, { ...change, cause: `agreement resumed (协议恢复): ${measure.reason}` });
    for (const r of targets) r.statusSource = null;
  } else {
    const targets = live.filter((r) => named(r) || byAgreement(r));
    await changeRegistrationStatuses(em, targets, TERMINATED, { ...change, cause: `agreement terminated (协议解除): ${measure.reason}` });
    for (const r of targets) r.statusSource = StatusSource.AGREEMENT_MEASURE;
  }
  await em.flush();
}
