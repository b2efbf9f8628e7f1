import { EntityManager, EventPayloads, lockAggregates } from '@pq/kit';
import { RegistrationStatus } from '../domain/personnel';
import { Person } from '../entities/person';
import { Registration } from '../entities/registration';
import { changeRegistrationStatuses } from './status';

/**
 * R5–R6: a person-level suspension or termination reaches every live registration of the
 * person, at every institution and pharmacy, from the sanction's first day; a termination also
 * sets the re-registration ban (R9). The status stays until a restoration is approved (S13).
 */
export async function applySanction(em: EntityManager, sanction: EventPayloads['SanctionDecided']): Promise<void> {
  await lockAggregates(em, 'person', [sanction.personCode]);
  const person = await em.findOne(Person, { code: sanction.personCode });
  if (!person) return;
  const status = sanction.kind === 'SUSPENSION' ? RegistrationStatus.SUSPENDED : RegistrationStatus.TERMINATED;
  const affected = await em.find(Registration, {
    personCode: sanction.personCode,
    status: { $in: status === RegistrationStatus.TERMINATED ? [RegistrationStatus.NORMAL, RegistrationStatus.SUSPENDED] : [RegistrationStatus.NORMAL] },
  });
  const label = status === RegistrationStatus.SUSPENDED ? `suspended (暂停) until ${sanction.until}` : `terminated (终止)`;
  await changeRegistrationStatuses(em, affected, status, { effectiveOn: sanction.from, cause: `payment qualification ${label}`, basisDocument: sanction.basisDocument });
  if (person.status !== RegistrationStatus.TERMINATED) person.status = status;
  const ban = sanction.reRegistrationBlockedUntil;
  if (ban && (!person.reRegistrationBlockedUntil || ban > person.reRegistrationBlockedUntil)) person.reRegistrationBlockedUntil = ban;
  await em.flush();
}
