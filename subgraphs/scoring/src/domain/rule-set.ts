import type { IsoDate } from '@pq/time';

/** A point range of negative situations (S2); Jining's fixed tiers have min = max. */
export interface Tier {
  min: number;
  max: number;
}

/** A suspension band (S7): totals in [minTotal, maxTotal] suspend for N months. */
export interface SuspensionBand {
  minTotal: number;
  maxTotal: number;
  /** Reached by accumulating points over the year. */
  monthsCumulative: number;
  /** Reached by one decision alone. */
  monthsOneShot: number;
}

/** Every [param] of docs/rules.md §2 that a region may set. */
export interface RuleSetParameters {
  tiers: Tier[];
  /** Jining: at this total the institution interviews the person (约谈); null: no interview step. */
  interviewAt: number | null;
  suspensionBands: SuspensionBand[];
  terminateAt: number;
  /** R9: years without new registration after a termination reached cumulatively / in one decision. */
  banYearsCumulative: number;
  banYearsOneShot: number;
  /** Jining: termination after `years` consecutive years each at or above `minTotal`. */
  consecutiveYears: { years: number; minTotal: number } | null;
  /** S10: shares of registered personnel suspended or terminated in a year that trigger measures on the institution. */
  institutionRatio: { holdPaymentsFrom: number; suspendAgreementFrom: number };
  /** S8: deadlines in working days. */
  noticeIssueWorkingDays: number;
  noticeDeliveryWorkingDays: number;
  appealWorkingDays: number;
}

export interface RuleSetVersion {
  id: string;
  /** `""` national, `"37"` a province, `"3708"` a city. */
  regionPrefix: string;
  effectiveFrom: IsoDate;
}

/**
 * The rule set that applies (docs/rules.md, policy rule sets): the most specific region prefix in force on the
 * decision date for the region where the behaviour happened; the latest version of it.
 */
export function selectRuleSet<R extends RuleSetVersion>(ruleSets: R[], regionCode: string, on: IsoDate): R | null {
  let best: R | null = null;
  for (const candidate of ruleSets) {
    if (!regionCode.startsWith(candidate.regionPrefix) || candidate.effectiveFrom > on) continue;
    if (
      !best ||
      candidate.regionPrefix.length > best.regionPrefix.length ||
      (candidate.regionPrefix.length === best.regionPrefix.length && candidate.effectiveFrom > best.effectiveFrom)
    ) {
      best = candidate;
    }
  }
  return best;
}
