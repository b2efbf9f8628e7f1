import { Caller, findRows, canSee, EntityManager, entityLoader, listLoader, notFound, outOfScope, seesEverything } from '@pq/kit';
import { PolicyRuleSet } from '../entities/rule-set';
import DataLoader from 'dataloader';
import { Notice } from '../entities/notice';
import { KnownInstitution, KnownPerson, PersonYear } from '../entities/read-models';
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
  const everything = seesEverything(caller);
  return {
    /** Row scope for Person fields: where the person works, from registry's events. */
    visiblePerson: new DataLoader<string, { code: string }>(async (codes) => {
      const known = everything ? [] : await findRows(em, KnownPerson, { code: [...codes] });
      return codes.map((code) => {
        if (everything) return { code };
        const person = known.find((p) => p.code === code);
        const visible = canSee(caller, { regionCodes: [code.replace(/^[A-Z]+/, '').slice(0, 6), ...(person?.regionCodes ?? [])], institutionCodes: person?.institutionCodes ?? [], personCodes: [code] });
        return visible ? { code } : outOfScope('person', code);
      });
    }),
    /** Score records, scoped by where the behaviour happened and whom it concerns. */
    scoreRecord: new DataLoader<string, ScoreRecord | null>(async (ids) => {
      const records = await findRows(em, ScoreRecord, { id: [...ids] });
      const institutions = everything ? [] : await findRows(em, KnownInstitution, { code: [...new Set(records.map((r) => r.institutionCode))] });
      return ids.map((id) => {
        const record = records.find((r) => r.id === id);
        if (!record || everything) return record ?? null;
        const region = institutions.find((i) => i.code === record.institutionCode)?.regionCode ?? record.institutionCode.slice(1, 7);
        return canSee(caller, { regionCodes: [region], institutionCodes: [record.institutionCode], personCodes: [record.personCode] }) ? record : outOfScope('score record', id);
      });
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
