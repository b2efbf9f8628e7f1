import DataLoader from 'dataloader';
import { coalescedKeys, EntityManager } from '@pq/data';
import type { Person } from '../entities/person';
import { personnelOf, personnelPageKey, PersonnelPageKey, personnelPageRows } from '../repositories/registrations';

/**
 * Pages of `Institution.personnel`: a list of institutions asks for many at once, and the pages that
 * other requests ask in the same turn are read in the same statement (coalescedKeys): a portal's
 * personnel page is one request per institution.
 */
export function personnelPagesLoader(em: EntityManager): DataLoader<PersonnelPageKey, Person[], string> {
  return new DataLoader(
    async (keys) => (await coalescedKeys(em, 'pq_personnel_pages', keys, personnelPageKey, personnelPageRows)).map((rows) => personnelOf(em, rows)),
    { cacheKeyFn: personnelPageKey },
  );
}
