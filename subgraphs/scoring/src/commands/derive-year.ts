import { EntityManager, queryRows } from '@pq/data';
import { OutgoingEvent } from '@pq/events';
import type { ScoringEvents } from '../events/payloads';
import { IsoDate, yearOf } from '@pq/time';
import { RunningSanction, SanctionKind } from '../domain/outcome';
import { RepairStatus } from '../domain/repair';
import { RestorationStatus } from '../domain/restoration';
import { heaviest } from '../domain/points';
import { DerivedSanction, deriveYear, sanctionKey, YearDecision } from '../domain/year';
import { PersonYear } from '../entities/person-year';
import { RepairApplication } from '../entities/repair-application';
import { RestorationApplication } from '../entities/restoration-application';
import { PolicyRuleSet } from '../entities/rule-set';
import { Sanction, SanctionState } from '../entities/sanction';
import { ScoreRecord } from '../entities/score-record';
import { outbox } from '../events/publish';
import { lifted } from './lift-sanction';

/** What changed a year's records: a new decision, an appeal decided, a repair approved. */
export interface YearChange {
  /** The real date of the change: a sanction that now follows is decided on it, one that no longer follows is annulled on it. */
  on: IsoDate;
  /** Why a sanction that no longer follows is annulled. */
  cause: string;
  basisDocument: string;
}

const enforceable = (kind: SanctionKind) => kind === SanctionKind.SUSPENSION || kind === SanctionKind.TERMINATION;
const REPLACED_CAUSE = 'replaced by a longer suspension or a termination (S7)';
const REPAIRED_CAUSE = 'the year\'s total fell below every suspension on repair (记分修复)';

/**
 * The one step after any change of a year's records (002 art.29, 38, 44): derive the year of each
 * person from all of its records, repairs and restorations, then bring the stored sanctions in line
 * — unchanged stays, a changed period is updated and sent again under its id, one that no longer
 * follows is annulled, one that now follows is decided. The years after it follow, up to the
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
  const firstDay = `${year}-01-01`;
  const events: OutgoingEvent<ScoringEvents>[] = [];
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
    const carriedRow = stored.filter((s) => s.from < firstDay && enforceable(s.kind) && !s.annulled).at(-1);
    const carried = carriedRow && carriedRow.state !== SanctionState.LIFTED ? carriedRow : null;
    // Replaced by a sanction of a later year, it is that year's derivation that may bring it back.
    const replacedLater = stored.some((s) => yearOf(s.from) > year && enforceable(s.kind) && !s.annulled);
    const myRepairs = repairs.filter((r) => r.personCode === personCode);

    const derived = deriveYear({
      decisions: [...decisions.values()].map((group): YearDecision => {
        // The rule set of the institution where the heaviest behaviour happened governs the outcome.
        const governing = heaviest(group);
        return { documentNumber: group[0].documentNumber, decidedOn: group[0].decidedOn, points: group.reduce((sum, r) => sum + r.points, 0), rules: ruleSets.find((r) => r.id === governing.ruleSetId)!.parameters };
      }),
      reductions: myRepairs.filter((r) => r.decidedOn && yearOf(r.decidedOn) === year && r.pointsReduction).map((r) => ({ on: r.decidedOn!, points: r.pointsReduction! })),
      earlierYearTotals: [1, 2].map((back) => years.find((y) => y.personCode === personCode && y.year === year - back)?.points ?? 0),
      carriedOver: carried && { kind: carried.kind as RunningSanction['kind'], months: carried.months ?? null },
      restoredOn: new Map(restorations.filter((r) => keyOf.has(r.sanctionId) && r.decidedOn).map((r) => [keyOf.get(r.sanctionId)!, r.decidedOn!])),
      shortenedTo: new Map(myRepairs.filter((r) => r.shortenedSanctionId && r.newUntil && keyOf.has(r.shortenedSanctionId)).map((r) => [keyOf.get(r.shortenedSanctionId!)!, r.newUntil!])),
    });
    for (const record of mine) record.yearTotalAfter = derived.totalAfter.get(record.documentNumber)!;
    totals.push(derived.total);

    // First what changes in stored sanctions; new ones are inserted after (see below).
    const matched = new Set<string>();
    const toDecide: DerivedSanction[] = [];
    const toRecord: DerivedSanction[] = [];
    for (const outcome of derived.sanctions) {
      if (!outcome.enforced) {
        const row = ofYear.filter((s) => s.basisDocument === outcome.basisDocument && s.state === SanctionState.RECORDED).at(-1);
        if (row) {
          Object.assign(row, { kind: outcome.kind, yearTotal: outcome.yearTotal, reason: outcome.reason });
          matched.add(row.id);
        } else if (!ofYear.some((s) => s.basisDocument === outcome.basisDocument)) {
          toRecord.push(outcome);
        }
        continue;
      }
      const row = ofYear.filter((s) => s.basisDocument === outcome.basisDocument && s.kind === outcome.kind && !s.annulled).at(-1);
      if (row) matched.add(row.id);
      // A replaced outcome that holds again is decided anew: registry orders sanctions by their decision.
      if (!row || (row.state === SanctionState.REPLACED && !outcome.replacedOn)) {
        toDecide.push(outcome);
        continue;
      }
      const periodChanged = row.until !== outcome.until || row.months !== outcome.months || row.banYears !== outcome.banYears;
      const banChanged = row.until !== outcome.until && outcome.kind === SanctionKind.TERMINATION;
      Object.assign(row, { until: outcome.until, months: outcome.months, banYears: outcome.banYears, yearTotal: outcome.yearTotal, reason: outcome.reason });
      if (row.state !== SanctionState.IN_FORCE) continue;
      if (outcome.replacedOn) {
        row.state = SanctionState.REPLACED;
      } else if (outcome.endedOn) {
        events.push(lifted(row, { on: outcome.endedOn, cause: REPAIRED_CAUSE, basisDocument: change.basisDocument, reinstateRegistrations: true }));
      } else if (periodChanged) {
        events.push(decidedEvent(row, outcome.reRegistrationBlockedUntil));
        if (banChanged) events.push({ type: 'ReRegistrationBanChanged', key: personCode, payload: { personCode, sanctionId: row.id, until: outcome.reRegistrationBlockedUntil! } });
      }
    }
    for (const row of ofYear) {
      if (matched.has(row.id) || !enforceable(row.kind) || row.annulled) continue;
      events.push(lifted(row, { on: change.on, cause: change.cause, basisDocument: change.basisDocument, reinstateRegistrations: true, annulled: true }));
    }
    if (carried?.state === SanctionState.IN_FORCE && derived.carriedOverReplacedOn) carried.state = SanctionState.REPLACED;

    const decidedOn = (from: IsoDate) => (change.on > from ? change.on : from);
    const add = (sanction: Sanction) => ofYear.push(sanction);
    inserts.push(() => {
      if (carried?.state === SanctionState.REPLACED && !derived.carriedOverReplacedOn && !replacedLater) {
        const again = em.create(Sanction, { ...terms(carried), personCode, decidedOn: decidedOn(carried.from), state: SanctionState.IN_FORCE });
        events.push(decidedEvent(again, again.kind === SanctionKind.TERMINATION ? (again.until ?? null) : null));
      }
      for (const outcome of toRecord) add(em.create(Sanction, { ...terms(outcome), personCode, decidedOn: outcome.from, state: SanctionState.RECORDED }));
      for (const outcome of toDecide) {
        const sanction = em.create(Sanction, { ...terms(outcome), personCode, decidedOn: decidedOn(outcome.from), state: SanctionState.IN_FORCE });
        add(sanction);
        events.push(decidedEvent(sanction, outcome.reRegistrationBlockedUntil));
        // Decided after the sanction that replaced it, it needs its own end for registry.
        if (outcome.replacedOn) events.push(lifted(sanction, { on: outcome.replacedOn, cause: REPLACED_CAUSE, basisDocument: change.basisDocument, reinstateRegistrations: false, state: SanctionState.REPLACED }));
        if (outcome.endedOn) events.push(lifted(sanction, { on: outcome.endedOn, cause: REPAIRED_CAUSE, basisDocument: change.basisDocument, reinstateRegistrations: true }));
      }
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

/** What a sanction says, to decide it again or for the first time. */
function terms(source: Pick<Sanction, 'basisDocument' | 'kind' | 'from' | 'until' | 'months' | 'banYears' | 'yearTotal' | 'reason'>) {
  const { basisDocument, kind, from, until, months, banYears, yearTotal, reason } = source;
  return { basisDocument, kind, from, until, months, banYears, yearTotal, reason };
}

function decidedEvent(sanction: Sanction, reRegistrationBlockedUntil: IsoDate | null): OutgoingEvent<ScoringEvents> {
  return {
    type: 'SanctionDecided',
    key: sanction.personCode,
    payload: {
      sanctionId: sanction.id,
      personCode: sanction.personCode,
      kind: sanction.kind as 'SUSPENSION' | 'TERMINATION',
      from: sanction.from,
      until: sanction.until ?? null,
      basisDocument: sanction.basisDocument,
      reRegistrationBlockedUntil,
      decidedOn: sanction.decidedOn,
    },
  };
}
