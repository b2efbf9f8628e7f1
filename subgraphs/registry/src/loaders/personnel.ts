import DataLoader from 'dataloader';
import { EntityManager, queryRows, toEntities } from '@pq/kit';
import type { RegistrationStatus } from '../domain/personnel';
import { Person } from '../entities/person';

/** One page of one institution's personnel: persons with a registration there, in code order. */
export interface PersonnelPageKey {
  institutionCode: string;
  /** Only registrations with this status there; by default every one not cancelled. */
  status: RegistrationStatus | null;
  /** Rows to read: the page size plus one, which tells whether a next page exists. */
  limit: number;
  /** Codes after this one (a keyset cursor); '' for the first page. */
  after: string;
}

/** `status` null means every registration that is not cancelled. */
const REGISTRATION_STATUS = `(case when $2::text is null then r.status <> 'CANCELLED' else r.status = $2 end)`;

/**
 * The pages of `Institution.personnel` for every institution of a request in one statement per
 * page shape (status, size, cursor — the same for all institutions of one list): a lateral keyset
 * page per institution, over the institution's person codes as an array (see persons-page.ts).
 * No person-scope condition: the resolver admits only callers who may read the institution, and
 * they may read everyone registered there.
 */
export function personnelPagesLoader(em: EntityManager): DataLoader<PersonnelPageKey, Person[], string> {
  return new DataLoader(
    async (keys) => {
      const pages = new Map<string, Person[]>(keys.map((key) => [pageKey(key), []]));
      for (const group of groupBy(keys, (key) => JSON.stringify([key.status, key.limit, key.after]))) {
        const { status, limit, after } = group[0];
        const rows = await queryRows<Record<string, unknown> & { institution_code: string }>(em, {
          name: 'pq_personnel_pages',
          text: `select s.institution_code, p.*
                   from unnest($1::text[]) as s(institution_code)
                   cross join lateral (
                     select p.* from registry.person p
                      where p.code = any(array(select r.person_code from registry.registration r where r.institution_code = s.institution_code and ${REGISTRATION_STATUS}))
                        and p.code > $3
                      order by p.code limit $4) p`,
          values: [group.map((key) => key.institutionCode), status, after, limit],
        });
        const persons = toEntities(em, Person, rows);
        rows.forEach((row, i) => pages.get(pageKey({ institutionCode: row.institution_code, status, limit, after }))!.push(persons[i]));
      }
      return keys.map((key) => pages.get(pageKey(key))!);
    },
    { cacheKeyFn: pageKey },
  );
}

/** One `totalCount`: an institution's personnel with a registration status there (null: every one not cancelled). */
export interface PersonnelCountKey {
  institutionCode: string;
  status: RegistrationStatus | null;
}

/** `totalCount` of `Institution.personnel` for every institution of a request: one statement per status asked. */
export function personnelCountsLoader(em: EntityManager): DataLoader<PersonnelCountKey, number, string> {
  return new DataLoader(
    async (keys) => {
      const counts = new Map<string, number>();
      for (const group of groupBy(keys, (key) => String(key.status))) {
        const rows = await queryRows<{ institution_code: string; persons: number }>(em, {
          name: 'pq_personnel_counts',
          text: `select r.institution_code, count(distinct r.person_code)::int as persons
                   from registry.registration r
                  where r.institution_code = any($1) and ${REGISTRATION_STATUS}
                  group by r.institution_code`,
          values: [group.map((key) => key.institutionCode), group[0].status],
        });
        for (const row of rows) counts.set(countKey({ institutionCode: row.institution_code, status: group[0].status }), row.persons);
      }
      return keys.map((key) => counts.get(countKey(key)) ?? 0);
    },
    { cacheKeyFn: countKey },
  );
}

const pageKey = (key: PersonnelPageKey) => JSON.stringify([key.institutionCode, key.status, key.limit, key.after]);
const countKey = (key: PersonnelCountKey) => JSON.stringify([key.institutionCode, key.status]);

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}
