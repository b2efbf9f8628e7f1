import { EntityManager, lockAggregates } from '@pq/data';
import { IsoDate } from '@pq/time';
import { deriveStatus } from '../domain/status';
import type { AuditScope } from '@pq/data';
import { personAuditScopes } from '../repositories/audit-scope';
import { loadPersonCauses } from '../repositories/person-causes';
import { knownPersons, saveDerivedPersons } from '../repositories/persons';
import { saveDerivedRegistrationStatuses } from '../repositories/registrations';
import { personsDueForDerivation, replaceStatusHistories } from '../repositories/status-history';

/**
 * Derives the statuses of these persons again from all of their causes (domain/status.ts) and
 * stores them: the one way any status changes. Call it after the change of a cause is written.
 */
export async function rederivePersons(em: EntityManager, personCodes: string[], today: IsoDate): Promise<void> {
  await lockAggregates(em, 'person', personCodes);
  const codes = await knownPersons(em, personCodes);
  const causes = await loadPersonCauses(em, codes);
  const derived = [...causes].map(([code, c]) => ({ code, ...deriveStatus(c, today) }));
  if (derived.length === 0) return;
  const registrations = derived.flatMap((person) => [...person.registrations].map(([id, registration]) => ({ id, personCode: person.code, ...registration })));
  await saveDerivedPersons(
    em,
    derived.map((person) => ({ code: person.code, status: person.status, ban: person.reRegistrationBlockedUntil })),
  );
  await saveDerivedRegistrationStatuses(em, registrations);
  await replaceStatusHistories(
    em,
    derived.map((person) => person.code),
    registrations.flatMap((registration) =>
      registration.stretches.map((stretch) => ({ registrationId: registration.id, personCode: registration.personCode, stretch })),
    ),
  );
}

/** The hourly job: statuses whose causes took effect since they were last derived. Returns the persons derived again. */
export async function rederiveDuePersons(em: EntityManager, today: IsoDate): Promise<{ target: string; scope: AuditScope }[]> {
  const due = await personsDueForDerivation(em, today);
  if (due.length === 0) return [];
  await rederivePersons(em, due, today);
  const scopes = await personAuditScopes(em, due);
  return due.map((code) => ({ target: code, scope: scopes.get(code)! }));
}
