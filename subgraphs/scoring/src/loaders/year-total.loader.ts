import { Clock, yearOf } from '@pq/time';
import { EntityManager } from '@pq/data';
import { entityLoader } from '@pq/batching';
import { findPersonYears } from '../repositories/person-years';

/** `personCode|year` keys for the per-year fields of Person. */
export const personYearKey = (personCode: string, year: number) => `${personCode}|${year}`;
/** The key of a per-year field's `year` argument: the current year when it is not given. */
export const askedPersonYearKey = (personCode: string, year: number | null | undefined, clock: Clock) =>
  personYearKey(personCode, year ?? yearOf(clock.today()));
/** A person's points in a year: none recorded (no row) is 0. */
export const pointsOf = (row: { points: number } | null) => row?.points ?? 0;
/** The distinct persons and years of the keys, in one pass: a page asks 100 of them per request. */
export function splitPersonYear(keys: string[]): { personCodes: string[]; years: number[] } {
  const personCodes = new Set<string>();
  const years = new Set<number>();
  for (const key of keys) {
    const bar = key.indexOf('|');
    personCodes.add(key.slice(0, bar));
    years.add(Number(key.slice(bar + 1)));
  }
  return { personCodes: [...personCodes], years: [...years] };
}

export const yearTotalLoader = (em: EntityManager) =>
  entityLoader(
    (keys: string[]) => {
      const { personCodes, years } = splitPersonYear(keys);
      return findPersonYears(em, personCodes, years);
    },
    (row) => personYearKey(row.personCode, row.year),
  );
