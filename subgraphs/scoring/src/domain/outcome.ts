import { addDays, addMonths, addYears, IsoDate } from '@pq/time';
import type { RuleSetParameters } from './rule-set';

export enum SanctionKind {
  NOTIFICATION = 'NOTIFICATION',
  INTERVIEW = 'INTERVIEW',
  SUSPENSION = 'SUSPENSION',
  TERMINATION = 'TERMINATION',
}

export enum SanctionState {
  /** A notification or interview: recorded, nothing to enforce. */
  RECORDED = 'RECORDED',
  IN_FORCE = 'IN_FORCE',
  /** Replaced by a longer suspension or a termination (S7). */
  REPLACED = 'REPLACED',
  /** No longer applies: restoration approved (S13), a repair (S12), or annulled when the year was re-derived (A4). */
  LIFTED = 'LIFTED',
}

export interface RunningSanction {
  kind: SanctionKind.SUSPENSION | SanctionKind.TERMINATION;
  /** Its last day (a suspension's period, possibly shortened by repair). */
  until: IsoDate | null;
}

export interface OutcomeInput {
  rules: RuleSetParameters;
  /** The natural year's total before this decision (S6). */
  previousTotal: number;
  /** This decision's points for the person, already combined (S4). */
  decisionPoints: number;
  running: RunningSanction | null;
  /** Totals of the preceding years, the latest first (Jining's three-year rule). */
  earlierYearTotals: number[];
  decidedOn: IsoDate;
}

export interface Outcome {
  kind: SanctionKind;
  yearTotal: number;
  /** A new suspension or termination to put in force (replacing any running one). */
  takesEffect: boolean;
  from: IsoDate;
  until: IsoDate | null;
  months: number | null;
  banYears: number | null;
  reRegistrationBlockedUntil: IsoDate | null;
  reachedInOneDecision: boolean;
  reason: string;
}

const lastDayOf = (from: IsoDate, months: number) => addDays(addMonths(from, months), -1);

/**
 * S7, evaluated after every scoring on the year's new total. A suspension runs from the
 * decision date; a suspension ending later or a termination replaces the running one, one ending
 * no later leaves it running (an elapsed period, not yet restored, blocks nothing). A termination bars new registration for 1 year, or 3 years when
 * one decision alone reached the threshold (R9).
 */
export function evaluateOutcome(input: OutcomeInput): Outcome {
  const { rules, previousTotal, decisionPoints, running, decidedOn } = input;
  const yearTotal = previousTotal + decisionPoints;
  const base = {
    yearTotal,
    from: decidedOn,
    until: null,
    months: null,
    banYears: null,
    reRegistrationBlockedUntil: null,
    reachedInOneDecision: false,
    takesEffect: false,
  };

  if (running?.kind === SanctionKind.TERMINATION) {
    return { ...base, kind: SanctionKind.NOTIFICATION, reason: `already terminated; the year's total is now ${yearTotal}` };
  }

  const consecutive = rules.consecutiveYears;
  const consecutiveReached =
    consecutive !== null &&
    yearTotal >= consecutive.minTotal &&
    input.earlierYearTotals.length >= consecutive.years - 1 &&
    input.earlierYearTotals.slice(0, consecutive.years - 1).every((total) => total >= consecutive.minTotal);
  if (yearTotal >= rules.terminateAt || consecutiveReached) {
    const oneShot = decisionPoints >= rules.terminateAt;
    const banYears = oneShot ? rules.banYearsOneShot : rules.banYearsCumulative;
    const until = addDays(addYears(decidedOn, banYears), -1);
    const why =
      yearTotal >= rules.terminateAt
        ? `${yearTotal} points in the year ${oneShot ? 'in one decision' : 'cumulatively'} (≥ ${rules.terminateAt})`
        : `${consecutive!.years} consecutive years at ≥ ${consecutive!.minTotal} points`;
    return {
      ...base,
      kind: SanctionKind.TERMINATION,
      takesEffect: true,
      until,
      banYears,
      reRegistrationBlockedUntil: until,
      reachedInOneDecision: oneShot,
      reason: `terminated: ${why}; no new registration for ${banYears} year${banYears > 1 ? 's' : ''}`,
    };
  }

  const band = rules.suspensionBands.find((b) => yearTotal >= b.minTotal && yearTotal <= b.maxTotal);
  if (band) {
    const lowestSuspension = Math.min(...rules.suspensionBands.map((b) => b.minTotal));
    const oneShot = decisionPoints >= lowestSuspension;
    const months = oneShot ? band.monthsOneShot : band.monthsCumulative;
    const how = oneShot ? 'in one decision' : 'cumulatively';
    const until = lastDayOf(decidedOn, months);
    if (running?.kind === SanctionKind.SUSPENSION && (running.until === null || running.until >= until)) {
      return {
        ...base,
        kind: SanctionKind.SUSPENSION,
        months,
        reachedInOneDecision: oneShot,
        reason: `${yearTotal} points ${how} → ${months} months to ${until}; the running suspension, to ${running.until}, ends no earlier and stays`,
      };
    }
    return {
      ...base,
      kind: SanctionKind.SUSPENSION,
      takesEffect: true,
      months,
      until,
      reachedInOneDecision: oneShot,
      reason: `suspended ${months} month${months > 1 ? 's' : ''}: ${yearTotal} points ${how}`,
    };
  }

  if (running?.kind === SanctionKind.SUSPENSION) {
    return { ...base, kind: SanctionKind.NOTIFICATION, reason: `${yearTotal} points; the running suspension stays` };
  }
  if (rules.interviewAt !== null && yearTotal >= rules.interviewAt) {
    return { ...base, kind: SanctionKind.INTERVIEW, reason: `${yearTotal} points (≥ ${rules.interviewAt}): the institution interviews the person (约谈)` };
  }
  return { ...base, kind: SanctionKind.NOTIFICATION, reason: `${yearTotal} points: the institution is notified (通报)` };
}
