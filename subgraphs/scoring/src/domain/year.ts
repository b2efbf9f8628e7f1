import type { IsoDate } from '@pq/time';
import { evaluateOutcome, RunningSanction, SanctionKind } from './outcome';
import type { RuleSetParameters } from './rule-set';

/** One decision of the year for one person: its current points, already combined (S4). */
export interface YearDecision {
  documentNumber: string;
  decidedOn: IsoDate;
  points: number;
  /** The rule set of the institution where the decision's heaviest behaviour happened. */
  rules: RuleSetParameters;
}

/** An approved repair that took points off the year's total (S12). */
export interface YearReduction {
  on: IsoDate;
  points: number;
}

export interface YearFacts {
  /** In decision order. */
  decisions: YearDecision[];
  reductions: YearReduction[];
  /** Totals of the preceding years, the latest first (Jining's three-year rule). */
  earlierYearTotals: number[];
  /** A suspension or termination in force from an earlier year, with the day it was lifted (restored, or ended by repair), if it was. */
  carriedOver: (RunningSanction & { liftedOn: IsoDate | null }) | null;
  /** Sanctions lifted by an approved restoration (S13), by `sanctionKey`: the day they were lifted. */
  restoredOn: ReadonlyMap<string, IsoDate>;
  /** Periods a repair shortened (S12), by `sanctionKey`: the new last day. */
  shortenedTo: ReadonlyMap<string, IsoDate>;
}

/** What follows from one decision (S7): a notification or interview, or a suspension or termination that takes effect. */
export interface DerivedSanction {
  basisDocument: string;
  kind: SanctionKind;
  /** A suspension or termination to enforce. */
  enforced: boolean;
  from: IsoDate;
  until: IsoDate | null;
  months: number | null;
  banYears: number | null;
  reRegistrationBlockedUntil: IsoDate | null;
  yearTotal: number;
  reason: string;
  /** Replaced by a longer suspension or a termination decided on this day (S7). */
  replacedOn: IsoDate | null;
  /** Ended on this day by a repair that took the year's total below every suspension (S12). */
  endedOn: IsoDate | null;
}

export interface DerivedYear {
  /** The year's total after each decision, by document number (S6). */
  totalAfter: Map<string, number>;
  /** The year's total after every decision and repair. */
  total: number;
  sanctions: DerivedSanction[];
  /** The day a sanction of this year replaced the one carried over, if it did. */
  carriedOverReplacedOn: IsoDate | null;
}

export const sanctionKey = (basisDocument: string, kind: SanctionKind) => `${basisDocument}|${kind}`;

const enforceable = (kind: SanctionKind) => kind === SanctionKind.SUSPENSION || kind === SanctionKind.TERMINATION;

type Step = { decision: YearDecision } | { reduction: YearReduction };
const stepDay = (step: Step) => ('decision' in step ? step.decision.decidedOn : step.reduction.on);

/**
 * The year's outcome from all of its causes (002 art.26, 28, 29, 38, 44): the decisions in order,
 * each evaluated on the total before it as evaluateOutcome does for a new scoring (S7: a longer
 * suspension or a termination replaces the running one), with the repairs' reductions counted from
 * their day. A suspension stops running for later decisions once a restoration lifted it (S13) or
 * a repair took the total below every suspension; a repair's shortened period caps its end.
 */
export function deriveYear(facts: YearFacts): DerivedYear {
  // Decisions keep their order; on the same day a repair follows the decision it repairs.
  const steps: Step[] = [...facts.decisions.map((decision) => ({ decision })), ...facts.reductions.map((reduction) => ({ reduction }))];
  const order = new Map(steps.map((step, index) => [step, index]));
  steps.sort((a, b) => stepDay(a).localeCompare(stepDay(b)) || ('decision' in a ? 0 : 1) - ('decision' in b ? 0 : 1) || order.get(a)! - order.get(b)!);

  const totalAfter = new Map<string, number>();
  const sanctions: DerivedSanction[] = [];
  let total = 0;
  let carriedOverReplacedOn: IsoDate | null = null;
  let carried = facts.carriedOver;
  let running: (RunningSanction & { sanction: DerivedSanction; rules: RuleSetParameters }) | null = null;

  for (const step of steps) {
    const day = stepDay(step);
    const restored = running && facts.restoredOn.get(sanctionKey(running.sanction.basisDocument, running.sanction.kind));
    if (restored && restored <= day) running = null;
    if (carried?.liftedOn && carried.liftedOn <= day) carried = null;

    if ('reduction' in step) {
      total = Math.max(0, total - step.reduction.points);
      if (running?.sanction.kind === SanctionKind.SUSPENSION) {
        const still = evaluateOutcome({
          rules: running.rules,
          previousTotal: total,
          decisionPoints: 0,
          running: null,
          earlierYearTotals: facts.earlierYearTotals,
          decidedOn: day,
        });
        if (!enforceable(still.kind)) {
          running.sanction.endedOn = day;
          running = null;
        }
      }
      continue;
    }

    const { decision } = step;
    // A decision without points (changed on appeal to 0) has no outcome of its own.
    if (decision.points === 0) {
      totalAfter.set(decision.documentNumber, total);
      continue;
    }
    const runningNow = running ?? carried;
    const outcome = evaluateOutcome({
      rules: decision.rules,
      previousTotal: total,
      decisionPoints: decision.points,
      running: runningNow && { kind: runningNow.kind, until: runningNow.until },
      earlierYearTotals: facts.earlierYearTotals,
      decidedOn: decision.decidedOn,
    });
    total = outcome.yearTotal;
    totalAfter.set(decision.documentNumber, total);
    if (!outcome.takesEffect && enforceable(outcome.kind)) continue;

    const derived: DerivedSanction = {
      basisDocument: decision.documentNumber,
      kind: outcome.kind,
      enforced: outcome.takesEffect,
      from: outcome.from,
      until: outcome.until,
      months: outcome.months,
      banYears: outcome.banYears,
      reRegistrationBlockedUntil: outcome.reRegistrationBlockedUntil,
      yearTotal: outcome.yearTotal,
      reason: outcome.reason,
      replacedOn: null,
      endedOn: null,
    };
    const shortened = facts.shortenedTo.get(sanctionKey(derived.basisDocument, derived.kind));
    if (derived.enforced && shortened && derived.until && shortened < derived.until) {
      derived.until = shortened;
      if (derived.kind === SanctionKind.TERMINATION) derived.reRegistrationBlockedUntil = shortened;
      derived.reason = `${derived.reason}; shortened to ${shortened} by repair (记分修复)`;
    }
    sanctions.push(derived);
    if (!derived.enforced) continue;
    if (running) running.sanction.replacedOn = derived.from;
    else if (carried) carriedOverReplacedOn = derived.from;
    carried = null;
    running = { sanction: derived, kind: derived.kind as RunningSanction['kind'], until: derived.until, rules: decision.rules };
  }
  return { totalAfter, total, sanctions, carriedOverReplacedOn };
}
