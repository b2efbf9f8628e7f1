import { EntityManager, lockAggregates } from '@pq/data';
import { IsoDate } from '@pq/time';
import { NewChange, statusChanges } from '../domain/change-feed';
import { deriveStatus } from '../domain/status';
import type { AuditScope } from '@pq/data';
import { personAuditScopes } from '../repositories/audit-scope';
import { appendChanges } from '../repositories/change-feed';
import { loadPersonCauses } from '../repositories/person-causes';
import { knownPersons, saveDerivedPersons } from '../repositories/persons';
import { saveDerivedRegistrationStatuses } from '../repositories/registrations';
import { personsDueForDerivation, replaceStatusHistories } from '../repositories/status-history';

/**
 * Derives the statuses of these persons again from all of their causes (domain/status.ts) and
 * stores them: the one way any status changes. Call it after the change of a cause is written, as
 * the transaction's last write: the changes it records join `recorded` (the entries of the event
 * that caused it) in the change feed.
 */
export async function rederivePersons(em: EntityManager, personCodes: string[], today: IsoDate, recorded: NewChange[] = []): Promise<void> {
  await lockAggregates(em, 'person', personCodes);
  const codes = await knownPersons(em, personCodes);
  const causes = await loadPersonCauses(em, codes);
  const derived = [...causes].map(([code, c]) => ({ code, ...deriveStatus(c, today) }));
  if (derived.length === 0) return appendChanges(em, recorded);
  const registrations = derived.flatMap((person) => [...person.registrations].map(([id, registration]) => ({ id, personCode: person.code, ...registration })));
  const personTransitions = await saveDerivedPersons(
    em,
    derived.map((person) => ({ code: person.code, status: person.status, ban: person.reRegistrationBlockedUntil })),
  );
  const registrationTransitions = await saveDerivedRegistrationStatuses(em, registrations);
  await replaceStatusHistories(
    em,
    derived.map((person) => person.code),
    registrations.flatMap((registration) =>
      registration.stretches.map((stretch) => ({ registrationId: registration.id, personCode: registration.personCode, stretch })),
    ),
  );
  const byPerson = new Map(personTransitions.map((t) => [t.code, t]));
  const byRegistration = new Map(registrationTransitions.map((t) => [t.id, t]));
  const statusChanged = derived.flatMap((person) =>
    statusChanges(
      person.code,
      person,
      {
        person: byPerson.get(person.code),
        registrations: new Map([...person.registrations.keys()].filter((id) => byRegistration.has(id)).map((id) => [id, byRegistration.get(id)!])),
      },
      today,
    ),
  );
  await appendChanges(em, [...recorded, ...statusChanged]);
}

/** The hourly job: statuses whose causes took effect since they were last derived. Returns the persons derived again. */
export async function rederiveDuePersons(em: EntityManager, today: IsoDate): Promise<{ target: string; scope: AuditScope }[]> {
  const due = await personsDueForDerivation(em, today);
  if (due.length === 0) return [];
  await rederivePersons(em, due, today);
  const scopes = await personAuditScopes(em, due);
  return due.map((code) => ({ target: code, scope: scopes.get(code)! }));
}
