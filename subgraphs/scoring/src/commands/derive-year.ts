import type { ScoringEvents } from '../events/payloads';
import { randomUUID } from 'node:crypto';
import { EntityManager } from '@pq/data';
import { OutgoingEvent } from '@pq/events';
import { yearOf } from '@pq/time';
import { heaviest } from '../domain/points';
import { deriveYear, sanctionKey, YearDecision } from '../domain/year';
import { carriedOverInto, planYearSanctions, runningFrom, StoredSanction, YearChange } from '../domain/year-sanctions';
import type { Sanction } from '../entities/sanction';
import type { ScoreRecord } from '../entities/score-record';
import { outbox } from '../events/publish';
import { saveYearTotals, yearToDerive } from '../repositories/person-years';
import { addSanction } from '../repositories/sanctions';

/**
 * The one step after any change of a year's records (002 art.29, 38, 44): derive the year of each
 * person from all of its records, repairs and restorations, then bring the stored sanctions in line
 * (planYearSanctions). The years after it follow, up to the change's and the latest record's (a
 * sanction carried over, Jining's consecutive years). The persons must be locked by the caller.
 * `added`: records of the year the caller is adding, not yet stored; derived with the stored ones,
 * they get their year's total, and the caller stores them. Returns each person's sanctions after
 * the changed year's derivation.
 */
export async function rederiveYear(
  em: EntityManager,
  personCodes: string[],
  year: number,
  change: YearChange,
  added: ScoreRecord[] = [],
): Promise<Map<string, Sanction[]>> {
  const { after, lastScoredYear } = await rederiveOneYear(em, personCodes, year, change, added);
  for (let later = year + 1; later <= Math.max(lastScoredYear ?? year, yearOf(change.on)); later++) await rederiveOneYear(em, personCodes, later, change, []);
  return after;
}

/** Decision order: the date of the decision, then the order records were made. */
const inDecisionOrder = (a: ScoreRecord, b: ScoreRecord) =>
  a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : a.createdAt.getTime() - b.createdAt.getTime();

async function rederiveOneYear(
  em: EntityManager,
  personCodes: string[],
  year: number,
  change: YearChange,
  added: ScoreRecord[],
): Promise<{ after: Map<string, Sanction[]>; lastScoredYear: number | null }> {
  // The caller's changes are written first: the year is read as stored, with nothing left out.
  await em.flush();
  const read = await yearToDerive(em, personCodes, year, [...new Set(added.map((r) => r.ruleSetId))]);
  const records = [...read.records, ...added.filter((r) => r.year === year)].sort(inDecisionOrder);
  const { earlierYears: years, sanctions, repairs, restorations, ruleSets } = read;
  const events: OutgoingEvent<ScoringEvents>[] = [];
  const totals: number[] = [];
  const inserts: { into: Sanction[]; sanctions: StoredSanction[] }[] = [];
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
        return {
          documentNumber: group[0].documentNumber,
          decidedOn: group[0].decidedOn,
          points: group.reduce((sum, r) => sum + r.points, 0),
          rules: ruleSets.find((r) => r.id === governing.ruleSetId)!.parameters,
        };
      }),
      reductions: myRepairs
        .filter((r) => r.decidedOn && yearOf(r.decidedOn) === year && r.pointsReduction)
        .map((r) => ({ on: r.decidedOn!, points: r.pointsReduction! })),
      earlierYearTotals: [1, 2].map((back) => years.find((y) => y.personCode === personCode && y.year === year - back)?.points ?? 0),
      carriedOver: runningFrom(carried),
      restoredOn: new Map(restorations.filter((r) => keyOf.has(r.sanctionId) && r.decidedOn).map((r) => [keyOf.get(r.sanctionId)!, r.decidedOn!])),
      shortenedTo: new Map(
        myRepairs
          .filter((r) => r.shortenedSanctionId && r.newUntil && keyOf.has(r.shortenedSanctionId))
          .map((r) => [keyOf.get(r.shortenedSanctionId!)!, r.newUntil!]),
      ),
    });
    for (const record of mine) record.yearTotalAfter = derived.totalAfter.get(record.documentNumber)!;
    totals.push(derived.total);

    const plan = planYearSanctions({ year, personCode, stored, derived, change, newId: randomUUID });
    for (const [id, patch] of plan.updates)
      Object.assign(
        stored.find((s) => s.id === id)!,
        patch,
      );
    events.push(...plan.events);
    inserts.push({ into: ofYear, sanctions: plan.inserts });
  }
  // Updates are written before any insert: the unique index "one in force per person" checks each
  // statement, and MikroORM would insert before it updates.
  await em.flush();
  for (const { into, sanctions: added } of inserts) into.push(...added.map((sanction) => addSanction(em, sanction)));
  await em.flush();
  await saveYearTotals(em, personCodes, year, totals);
  await outbox.publishAll(em, events);
  const after = new Map(
    personCodes.map((code) => [code, [...sanctions.filter((s) => s.personCode === code && yearOf(s.from) !== year), ...ofYearByPerson.get(code)!]]),
  );
  return { after, lastScoredYear: read.lastScoredYear };
}
