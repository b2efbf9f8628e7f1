import DataLoader from 'dataloader';
import { coalescedKeys, EntityManager } from '@pq/data';
import type { Person } from '../entities/person';
import { personnelOf, personnelPageKey, PersonnelPageKey, personnelPageRows } from '../repositories/registrations';

/**
 * Pages of `Institution.personnel`: a list of institutions asks for many at once, and the pages that
 * other requests ask in the same turn are read with them (coalescedKeys), in up to four statements
 * at once: a portal's personnel page is one request per institution, and each page reads 100 rows.
 */
export function personnelPagesLoader(em: EntityManager): DataLoader<PersonnelPageKey, Person[], string> {
  return new DataLoader(
    async (keys) =>
      (await coalescedKeys(em, 'pq_personnel_pages', keys, personnelPageKey, personnelPageRows, { statements: PAGE_STATEMENTS })).map((rows) =>
        personnelOf(em, rows),
      ),
    { cacheKeyFn: personnelPageKey },
  );
}

const PAGE_STATEMENTS = 4;
