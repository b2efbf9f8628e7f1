import { DomainError } from '@pq/errors';
import { isYearMonth } from '@pq/time';

/**
 * Points distribution (S6–S7, 002 art.28–29; Jining 000 form 2 §五): each person's year total in
 * a bucket whose bounds are the outcome thresholds — 1–2 and 3–5 are notifications everywhere (5 is
 * Jining's interview), 6–8 Jining's 3-month suspension, 9–11 the national suspension, 12 or more
 * termination. The lower bound of each bucket, ascending.
 */
export const POINT_BUCKET_FLOORS = [1, 3, 6, 9, 12] as const;

export interface PointBucket {
  /** Lowest year total in the bucket. */
  from: number;
  /** Highest, null for the last (open) bucket. */
  to: number | null;
}

export const POINT_BUCKETS: PointBucket[] = POINT_BUCKET_FLOORS.map((from, i) => ({
  from,
  to: i + 1 < POINT_BUCKET_FLOORS.length ? POINT_BUCKET_FLOORS[i + 1] - 1 : null,
}));

/** An analytics period: whole months, first and last inclusive (`YYYY-MM`). */
export interface AnalyticsPeriod {
  fromMonth: string;
  toMonth: string;
}

/** The longest period one request aggregates: a scoring year is the unit of S6, a few years compare trends. */
export const MAX_ANALYTICS_MONTHS = 60;

/** Either a natural year (S6) or a range of months; never both, never neither, never backwards. */
export function analyticsPeriod(filter: { year?: number | null; fromMonth?: string | null; toMonth?: string | null }): AnalyticsPeriod {
  const { year, fromMonth, toMonth } = filter;
  if (year != null) {
    if (fromMonth || toMonth) throw new DomainError('BAD_USER_INPUT', 'give a year or a range of months, not both', { field: 'year' });
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('BAD_USER_INPUT', `${year} is not a year`, { field: 'year' });
    return { fromMonth: `${year}-01`, toMonth: `${year}-12` };
  }
  if (!fromMonth || !toMonth) throw new DomainError('BAD_USER_INPUT', 'give a year, or both fromMonth and toMonth (YYYY-MM)', { field: 'year' });
  for (const [field, value] of [
    ['fromMonth', fromMonth],
    ['toMonth', toMonth],
  ]) {
    if (!isYearMonth(value)) throw new DomainError('BAD_USER_INPUT', `${value} is not a month (YYYY-MM)`, { field });
  }
  if (toMonth < fromMonth) throw new DomainError('BAD_USER_INPUT', 'the period ends before it starts', { field: 'toMonth' });
  if (monthsBetween(fromMonth, toMonth) > MAX_ANALYTICS_MONTHS)
    throw new DomainError('BAD_USER_INPUT', `a period spans at most ${MAX_ANALYTICS_MONTHS} months`, { field: 'toMonth' });
  return { fromMonth, toMonth };
}

function monthsBetween(fromMonth: string, toMonth: string): number {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return index(toMonth) - index(fromMonth) + 1;
}

/**
 * S10 is a yearly share of an institution's sanctioned person-times over all its registered
 * personnel: it is answered for one natural year, for groups of whole institutions (region,
 * institution, kind) and when no filter picks a part of their personnel or violations.
 */
export function ratioYear(
  period: AnalyticsPeriod,
  groupBy: string[],
  filter: { personnelCategories: string[] | null; violationCodes: string[] | null },
): number | null {
  const year = period.fromMonth.slice(0, 4);
  if (period.fromMonth !== `${year}-01` || period.toMonth !== `${year}-12`) return null;
  if (filter.personnelCategories || filter.violationCodes) return null;
  if (groupBy.some((dimension) => !['REGION', 'INSTITUTION', 'INSTITUTION_KIND'].includes(dimension))) return null;
  return Number(year);
}

/** G0: the kinds of designated institution (agreements owns them; scoring groups by them). */
export enum InstitutionKind {
  MEDICAL = 'MEDICAL',
  PHARMACY = 'PHARMACY',
}

/** R1: the categories of registered personnel (registry owns them; scoring groups by them). */
export enum PersonnelCategory {
  DOCTOR = 'DOCTOR',
  NURSE = 'NURSE',
  PHARMACIST = 'PHARMACIST',
  TECHNICIAN = 'TECHNICIAN',
  CAREGIVER = 'CAREGIVER',
  SETTLEMENT_REVIEWER = 'SETTLEMENT_REVIEWER',
  PHARMACY_PRINCIPAL = 'PHARMACY_PRINCIPAL',
}
