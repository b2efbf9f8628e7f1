import { EntityManager } from '@pq/data';
import { entityLoader } from '@pq/batching';
import { findPersonYears } from '../repositories/person-years';

/** `personCode|year` keys for the per-year fields of Person. */
export const personYearKey = (personCode: string, year: number) => `${personCode}|${year}`;
export const splitPersonYear = (keys: string[]) => ({
  personCodes: [...new Set(keys.map((k) => k.split('|')[0]))],
  years: [...new Set(keys.map((k) => Number(k.split('|')[1])))],
});

export const yearTotalLoader = (em: EntityManager) =>
  entityLoader(
    (keys: string[]) => {
      const { personCodes, years } = splitPersonYear(keys);
      return findPersonYears(em, personCodes, years);
    },
    (row) => personYearKey(row.personCode, row.year),
  );
