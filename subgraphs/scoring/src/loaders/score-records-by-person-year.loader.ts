import { EntityManager } from '@pq/data';
import { listLoader } from '@pq/batching';
import { findRecordsOfPersonYears } from '../repositories/score-records';
import { personYearKey, splitPersonYear } from './year-total.loader';

export const scoreRecordsByPersonYearLoader = (em: EntityManager) =>
  listLoader(
    (keys: string[]) => {
      const { personCodes, years } = splitPersonYear(keys);
      return findRecordsOfPersonYears(em, personCodes, years);
    },
    (record) => personYearKey(record.personCode, record.year),
  );
