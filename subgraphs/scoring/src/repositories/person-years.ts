import { EntityManager, findRows, queryRows } from '@pq/data';
import { PersonYear } from '../entities/person-year';

/** Each person's total per natural year (S6), as the year's derivation last gave it. */

export function findPersonYears(em: EntityManager, personCodes: string[], years: number[]): Promise<PersonYear[]> {
  return findRows(em, PersonYear, { personCode: personCodes, year: years });
}

/** Read afresh: an earlier year may have been derived again in this transaction. */
export function freshPersonYears(em: EntityManager, personCodes: string[], years: number[]): Promise<PersonYear[]> {
  return em.find(PersonYear, { personCode: personCodes, year: years }, { refresh: true });
}

export async function personYearTotal(em: EntityManager, personCode: string, year: number): Promise<number> {
  return (await em.findOne(PersonYear, { personCode, year }))?.points ?? 0;
}

/** Stores the persons' totals of a year, in the order of `personCodes`. */
export async function saveYearTotals(em: EntityManager, personCodes: string[], year: number, totals: number[]): Promise<void> {
  await queryRows(em, {
    text: `insert into scoring.person_year (person_code, year, points)
           select p, $2, t from unnest($1::text[], $3::int[]) as x(p, t)
           on conflict (person_code, year) do update set points = excluded.points`,
    values: [personCodes, year, totals],
  });
}
