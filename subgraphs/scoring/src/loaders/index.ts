import { Caller, findRows, canSee, EntityManager, entityLoader, listLoader, notFound, scopedEntityLoader } from '@pq/kit';
import { PolicyRuleSet } from '../entities/rule-set';
import DataLoader from 'dataloader';
import { Notice } from '../entities/notice';
import { InstitutionView } from '../entities/institution-view';
import { PersonView } from '../entities/person-view';
import { PersonYear } from '../entities/person-year';
import { RepairApplication } from '../entities/repair-application';
import { RestorationApplication } from '../entities/restoration-application';
import { fetchInstitutionFigures, InstitutionFiguresRow } from './reports';
import { Sanction, SanctionState } from '../entities/sanction';
import { ScoreRecord } from '../entities/score-record';
import { ViolationItem } from '../entities/violation-item';

/** `personCode|year` keys for the per-year fields of Person. */
export const personYearKey = (personCode: string, year: number) => `${personCode}|${year}`;
const splitPersonYear = (keys: string[]) => ({
  personCodes: [...new Set(keys.map((k) => k.split('|')[0]))],
  years: [...new Set(keys.map((k) => Number(k.split('|')[1])))],
});

export function createLoaders(em: EntityManager, caller: Caller) {
  return {
    /** Row scope for Person fields: where the person works, from registry's events. */
    visiblePerson: scopedEntityLoader(caller, {
      what: 'person',
      fetch: async (codes: string[]) => codes.map((code) => ({ code })),
      keyOf: (person) => person.code,
      reach: async (persons) => new Map((await findRows(em, PersonView, { code: persons.map((p) => p.code) })).map((known) => [known.code, known])),
      visible: ({ code }, known) => {
        const person = known.get(code);
        return canSee(caller, { regionCodes: [code.replace(/^[A-Z]+/, '').slice(0, 6), ...(person?.regionCodes ?? [])], institutionCodes: person?.institutionCodes ?? [], personCodes: [code] });
      },
    }),
    /** Score records, scoped by where the behaviour happened and whom it concerns. */
    scoreRecord: scopedEntityLoader(caller, {
      what: 'score record',
      fetch: (ids: string[]) => findRows(em, ScoreRecord, { id: ids }),
      keyOf: (record) => record.id,
      reach: async (records) => new Map((await findRows(em, InstitutionView, { code: [...new Set(records.map((r) => r.institutionCode))] })).map((i) => [i.code, i.regionCode])),
      visible: (record, regions) =>
        canSee(caller, { regionCodes: [regions.get(record.institutionCode) ?? record.institutionCode.slice(1, 7)], institutionCodes: [record.institutionCode], personCodes: [record.personCode] }),
    }),
    yearTotal: entityLoader(
      (keys: string[]) => {
        const { personCodes, years } = splitPersonYear(keys);
        return findRows(em, PersonYear, { personCode: personCodes, year: years });
      },
      (row) => personYearKey(row.personCode, row.year),
    ),
    scoreRecordsByPersonYear: listLoader(
      (keys: string[]) => {
        const { personCodes, years } = splitPersonYear(keys);
        return findRows(em, ScoreRecord, { personCode: personCodes, year: years }, { decidedOn: 'asc', createdAt: 'asc' });
      },
      (record) => personYearKey(record.personCode, record.year),
    ),
    activeSanction: entityLoader(
      (personCodes: string[]) => findRows(em, Sanction, { personCode: personCodes, state: SanctionState.IN_FORCE }),
      (sanction) => sanction.personCode,
    ),
    sanction: entityLoader(
      (ids: string[]) => findRows(em, Sanction, { id: ids }),
      (sanction) => sanction.id,
    ),
    notice: entityLoader(
      (ids: string[]) => findRows(em, Notice, { id: ids }),
      (notice) => notice.id,
    ),
    scoreRecordsByNotice: listLoader(
      (ids: string[]) => findRows(em, ScoreRecord, { noticeId: ids }, { createdAt: 'asc' }),
      (record) => record.noticeId,
    ),
    sanctionsByPerson: listLoader(
      (codes: string[]) => findRows(em, Sanction, { personCode: codes }, { from: 'asc', recordedAt: 'asc' }),
      (sanction) => sanction.personCode,
    ),
    restorationApplication: entityLoader(
      (ids: string[]) => findRows(em, RestorationApplication, { id: ids }),
      (application) => application.id,
    ),
    restorationApplicationsByPerson: listLoader(
      (codes: string[]) => findRows(em, RestorationApplication, { personCode: codes }, { appliedOn: 'asc', createdAt: 'asc' }),
      (application) => application.personCode,
    ),
    repairApplicationsByPerson: listLoader(
      (codes: string[]) => findRows(em, RepairApplication, { personCode: codes }, { appliedOn: 'asc', createdAt: 'asc' }),
      (application) => application.personCode,
    ),
    /** Keys are `institutionCode|year`: one statement per year asked for. */
    institutionFigures: new DataLoader<string, InstitutionFiguresRow & { year: number }>(async (keys) => {
      const years = [...new Set(keys.map((k) => Number(k.split('|')[1])))];
      const rows = (
        await Promise.all(years.map(async (year) => (await fetchInstitutionFigures(em, { codes: keys.filter((k) => k.endsWith(`|${year}`)).map((k) => k.split('|')[0]) }, year)).map((row) => ({ ...row, year }))))
      ).flat();
      return keys.map((key) => rows.find((row) => `${row.institutionCode}|${row.year}` === key) ?? notFound('institution', key.split('|')[0]));
    }),
    /** The rule sets, read once per request however many institutions or decisions need them. */
    ruleSets: new DataLoader<'all', PolicyRuleSet[]>(async (keys) => {
      const all = await findRows(em, PolicyRuleSet, {});
      return keys.map(() => all);
    }),
    /** Keys are `ruleSetId|code`: the statement reads every named code of every named rule set, a small superset the keys pick from. */
    violationItem: entityLoader(
      (keys: string[]) => {
        const pairs = keys.map((k) => k.split('|'));
        return findRows(em, ViolationItem, { ruleSetId: [...new Set(pairs.map(([ruleSetId]) => ruleSetId))], code: [...new Set(pairs.map(([, code]) => code))] });
      },
      (item) => `${item.ruleSetId}|${item.code}`,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
