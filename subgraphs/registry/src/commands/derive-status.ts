import { EntityManager, lockAggregates } from '@pq/data';
import { IsoDate } from '@pq/time';
import { deriveStatus } from '../domain/status';
import { knownPersons, loadPersonCauses, personsDueForDerivation, saveDerivedStatuses } from '../repositories/person-causes';

/**
 * Derives the statuses of these persons again from all of their causes (domain/status.ts) and
 * stores them: the one way any status changes. Call it after the change of a cause is written.
 */
export async function rederivePersons(em: EntityManager, personCodes: string[], today: IsoDate): Promise<void> {
  await lockAggregates(em, 'person', personCodes);
  const codes = await knownPersons(em, personCodes);
  const causes = await loadPersonCauses(em, codes);
  await saveDerivedStatuses(em, new Map([...causes].map(([code, c]) => [code, deriveStatus(c, today)])));
}

/** The hourly job: statuses whose causes took effect since they were last derived. Returns the persons derived again. */
export async function rederiveDuePersons(em: EntityManager, today: IsoDate): Promise<string[]> {
  const due = await personsDueForDerivation(em, today);
  if (due.length > 0) await rederivePersons(em, due, today);
  return due;
}
