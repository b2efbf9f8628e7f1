import { randomUUID } from 'node:crypto';
import { EntityManager, OutgoingEvent, queryRows, yearOf } from '@pq/kit';
import { RepairStatus } from '../domain/repair';
import { RestorationStatus } from '../domain/restoration';
import { heaviest } from '../domain/points';
import { deriveYear, sanctionKey, YearDecision } from '../domain/year';
import { carriedOverInto, planYearSanctions, runningFrom, YearChange } from '../domain/year-sanctions';
import { PersonYear } from '../entities/person-year';
import { RepairApplication } from '../entities/repair-application';
import { RestorationApplication } from '../entities/restoration-application';
import { PolicyRuleSet } from '../entities/rule-set';
import { Sanction } from '../entities/sanction';
import { ScoreRecord } from '../entities/score-record';
import { outbox } from '../events/publish';

/**
 * The one step after any change of a year's records (002 art.29, 38, 44): derive the year of each
 * person from all of its records, repairs and restorations, then bring the stored sanctions in line
 * (planYearSanctions). The years after it follow, up to the
 * change's and the latest record's (a sanction carried over, Jining's consecutive years). The
 * persons must be locked by the caller. Returns each person's sanctions after the changed year's
 * derivation.
 */
export async function rederiveYear(em: EntityManager, personCodes: string[], year: number, change: YearChange): Promise<Map<string, Sanction[]>> {
  const changed = await rederiveOneYear(em, personCodes, year, change);
  const [{ last }] = await queryRows<{ last: number | null }>(em, { text: `select max(year)::int as last from scoring.score_record where person_code = any($1)`, values: [personCodes] });
  for (let later = year + 1; later <= Math.max(last ?? year, yearOf(change.on)); later++) await rederiveOneYear(em, personCodes, later, change);
  return changed;
}

async function rederiveOneYear(em: EntityManager, personCodes: string[], year: number, change: YearChange): Promise<Map<string, Sanction[]>> {
  const records = await em.find(ScoreRecord, { personCode: personCodes, year }, { orderBy: { decidedOn: 'asc', createdAt: 'asc' } });
  // Read afresh: the previous year may have been derived again in this transaction.
  const years = await em.find(PersonYear, { personCode: personCodes, year: [year - 2, year - 1] }, { refresh: true });
  const sanctions = await em.find(Sanction, { personCode: personCodes }, { orderBy: { from: 'asc', recordedAt: 'asc' } });
  const repairs = await em.find(RepairApplication, { personCode: personCodes, status: RepairStatus.APPROVED });
  const restorations = await em.find(RestorationApplication, { personCode: personCodes, status: RestorationStatus.APPROVED });
  const ruleSets = await em.find(PolicyRuleSet, { id: [...new Set(records.map((r) => r.ruleSetId))] });
  const events: OutgoingEvent[] = [];
  const totals: number[] = [];
  const inserts: (() => void)[] = [];
  const ofYearByPerson = new Map<string, Sanction[]>();

  for (const personCode of personCodes) {
    const mine = records.filter((r) => r.personCode === personCode);
    const decisions = new Map<string, ScoreRecord[]>();
    for (const record of mine) decisions.set(record.documentNumber, [...(decisions.get(record.documentNumber) ?? []), record]);
    const stored = sanctions.filter((s) => s.personCode === personCode);
    const ofYear = stored.filter((s) => yearOf(s.from) === year);
    ofYearByPerson.set(personCode, ofYear);
    const keyOf = new Map(stored.map((s) => [s.id, sanctionKey(s.basisDocument, s.kind)]));
    const carried = carriedOverInto(stored, year);
    const myRepairs = repairs.filter((r) => r.personCode === personCode);

    const derived = deriveYear({
      decisions: [...decisions.values()].map((group): YearDecision => {
        // The rule set of the institution where the heaviest behaviour happened governs the outcome.
        const governing = heaviest(group);
        return { documentNumber: group[0].documentNumber, decidedOn: group[0].decidedOn, points: group.reduce((sum, r) => sum + r.points, 0), rules: ruleSets.find((r) => r.id === governing.ruleSetId)!.parameters };
      }),
      reductions: myRepairs.filter((r) => r.decidedOn && yearOf(r.decidedOn) === year && r.pointsReduction).map((r) => ({ on: r.decidedOn!, points: r.pointsReduction! })),
      earlierYearTotals: [1, 2].map((back) => years.find((y) => y.personCode === personCode && y.year === year - back)?.points ?? 0),
      carriedOver: runningFrom(carried),
      restoredOn: new Map(restorations.filter((r) => keyOf.has(r.sanctionId) && r.decidedOn).map((r) => [keyOf.get(r.sanctionId)!, r.decidedOn!])),
      shortenedTo: new Map(myRepairs.filter((r) => r.shortenedSanctionId && r.newUntil && keyOf.has(r.shortenedSanctionId)).map((r) => [keyOf.get(r.shortenedSanctionId!)!, r.newUntil!])),
    });
    for (const record of mine) record.yearTotalAfter = derived.totalAfter.get(record.documentNumber)!;
    totals.push(derived.total);

    const plan = planYearSanctions({ year, personCode, stored, derived, change, newId: randomUUID });
    for (const [id, patch] of plan.updates) Object.assign(stored.find((s) => s.id === id)!, patch);
    events.push(...plan.events);
    inserts.push(() => {
      for (const sanction of plan.inserts) ofYear.push(em.create(Sanction, sanction));
    });
  }
  // Updates are written before any insert: the unique index "one in force per person" checks each
  // statement, and MikroORM would insert before it updates.
  await em.flush();
  for (const insert of inserts) insert();
  await em.flush();
  await queryRows(em, {
    text: `insert into scoring.person_year (person_code, year, points)
           select p, $2, t from unnest($1::text[], $3::int[]) as x(p, t)
           on conflict (person_code, year) do update set points = excluded.points`,
    values: [personCodes, year, totals],
  });
  await outbox.publishAll(em, events);
  return new Map(personCodes.map((code) => [code, [...sanctions.filter((s) => s.personCode === code && yearOf(s.from) !== year), ...ofYearByPerson.get(code)!]]));
}
