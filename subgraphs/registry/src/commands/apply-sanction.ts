import { EntityManager, EventPayloads, lockAggregates } from '@pq/kit';
import { RegistrationStatus, StatusSource } from '../domain/personnel';
import { personStatus } from '../domain/registration';
import { Person } from '../entities/person';
import { Registration } from '../entities/registration';
import { changeRegistrationStatuses } from './status';

const { NORMAL, SUSPENDED, TERMINATED } = RegistrationStatus;

/**
 * R5–R6: a person-level suspension or termination reaches every live registration of the
 * person, at every institution and pharmacy, from the sanction's first day; a termination also
 * sets the re-registration ban (R9). The status stays until a restoration is approved (S13).
 */
export async function applySanction(em: EntityManager, sanction: EventPayloads['SanctionDecided']): Promise<void> {
  await lockAggregates(em, 'person', [sanction.personCode]);
  const person = await em.findOne(Person, { code: sanction.personCode });
  if (!person) return;
  const status = sanction.kind === 'SUSPENSION' ? SUSPENDED : TERMINATED;
  const affected = await em.find(Registration, { personCode: sanction.personCode, status: { $in: status === TERMINATED ? [NORMAL, SUSPENDED] : [NORMAL] } });
  const label = status === SUSPENDED ? `suspended (暂停) until ${sanction.until}` : `terminated (终止)`;
  await changeRegistrationStatuses(em, affected, status, { effectiveOn: sanction.from, cause: `payment qualification ${label}`, basisDocument: sanction.basisDocument });
  for (const registration of affected) registration.statusSource = StatusSource.PERSON_SANCTION;
  if (person.status !== TERMINATED) person.status = status;
  const ban = sanction.reRegistrationBlockedUntil;
  if (ban && (!person.reRegistrationBlockedUntil || ban > person.reRegistrationBlockedUntil)) person.reRegistrationBlockedUntil = ban;
  await em.flush();
}

/**
 * S13, A4: a person-level sanction no longer applies. When the event reinstates registrations,
 * those the sanction changed are normal again from `on`; otherwise (restoration from a
 * termination) they stay terminated and the person needs a new registration. Registrations
 * suspended by their institution's agreement (R7) are left as they are.
 */
export async function applySanctionLifted(em: EntityManager, lifted: EventPayloads['SanctionLifted']): Promise<void> {
  await lockAggregates(em, 'person', [lifted.personCode]);
  const person = await em.findOne(Person, { code: lifted.personCode });
  if (!person) return;
  const registrations = await em.find(Registration, { personCode: lifted.personCode });
  if (lifted.reinstateRegistrations) {
    const restored = registrations.filter((r) => (r.status === SUSPENDED || r.status === TERMINATED) && r.statusSource === StatusSource.PERSON_SANCTION);
    await changeRegistrationStatuses(em, restored, NORMAL, { effectiveOn: lifted.on, cause: lifted.cause, basisDocument: lifted.basisDocument });
    for (const registration of restored) registration.statusSource = null;
  }
  person.status = personStatus(null, registrations.map((r) => r.status));
  // A termination annulled on appeal takes its re-registration ban with it.
  if (lifted.kind === 'TERMINATION' && lifted.reinstateRegistrations) person.reRegistrationBlockedUntil = null;
  await em.flush();
}
