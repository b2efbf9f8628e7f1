import { EntityManager, entityLoader, listLoader } from '@pq/kit';
import { Notice } from '../entities/notice';
import { PersonYear } from '../entities/read-models';
import { RestorationApplication } from '../entities/restoration-application';
import { Sanction, SanctionState } from '../entities/sanction';
import { ScoreRecord } from '../entities/score-record';
import { ViolationItem } from '../entities/violation-item';

/** `personCode|year` keys for the per-year fields of Person. */
export const personYearKey = (personCode: string, year: number) => `${personCode}|${year}`;
const splitPersonYear = (keys: string[]) => ({
  personCodes: [...new Set(keys.map((k) => k.split('|')[0]))],
  years: [...new Set(keys.map((k) => Number(k.split('|')[1])))],
});

export function createLoaders(em: EntityManager) {
  return {
    yearTotal: entityLoader(
      (keys: string[]) => {
        const { personCodes, years } = splitPersonYear(keys);
        return em.find(PersonYear, { personCode: { $in: personCodes }, year: { $in: years } });
      },
      (row) => personYearKey(row.personCode, row.year),
    ),
    scoreRecordsByPersonYear: listLoader(
      (keys: string[]) => {
        const { personCodes, years } = splitPersonYear(keys);
        return em.find(ScoreRecord, { personCode: { $in: personCodes }, year: { $in: years } }, { orderBy: { decidedOn: 'asc', createdAt: 'asc' } });
      },
      (record) => personYearKey(record.personCode, record.year),
    ),
    scoreRecord: entityLoader(
      (ids: string[]) => em.find(ScoreRecord, { id: { $in: ids } }),
      (record) => record.id,
    ),
    activeSanction: entityLoader(
      (personCodes: string[]) => em.find(Sanction, { personCode: { $in: personCodes }, state: SanctionState.IN_FORCE }),
      (sanction) => sanction.personCode,
    ),
    sanction: entityLoader(
      (ids: string[]) => em.find(Sanction, { id: { $in: ids } }),
      (sanction) => sanction.id,
    ),
    notice: entityLoader(
      (ids: string[]) => em.find(Notice, { id: { $in: ids } }),
      (notice) => notice.id,
    ),
    scoreRecordsByNotice: listLoader(
      (ids: string[]) => em.find(ScoreRecord, { noticeId: { $in: ids } }, { orderBy: { createdAt: 'asc' } }),
      (record) => record.noticeId,
    ),
    sanctionsByPerson: listLoader(
      (codes: string[]) => em.find(Sanction, { personCode: { $in: codes } }, { orderBy: { from: 'asc' } }),
      (sanction) => sanction.personCode,
    ),
    restorationApplication: entityLoader(
      (ids: string[]) => em.find(RestorationApplication, { id: { $in: ids } }),
      (application) => application.id,
    ),
    restorationApplicationsByPerson: listLoader(
      (codes: string[]) => em.find(RestorationApplication, { personCode: { $in: codes } }, { orderBy: { appliedOn: 'asc', createdAt: 'asc' } }),
      (application) => application.personCode,
    ),
    /** Keys are `ruleSetId|code`. */
    violationItem: entityLoader(
      (keys: string[]) => em.find(ViolationItem, { $or: keys.map((k) => ({ ruleSetId: k.split('|')[0], code: k.split('|')[1] })) }),
      (item) => `${item.ruleSetId}|${item.code}`,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
