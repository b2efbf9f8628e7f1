import { listLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { ScoreRecord } from '../entities/score-record';
import { personYearKey, splitPersonYear } from './year-total.loader';

export const scoreRecordsByPersonYearLoader = (em: EntityManager) =>
  listLoader(
    (keys: string[]) => {
      const { personCodes, years } = splitPersonYear(keys);
      return findRows(em, ScoreRecord, { personCode: personCodes, year: years }, { decidedOn: 'asc', createdAt: 'asc' });
    },
    (record) => personYearKey(record.personCode, record.year),
  );
