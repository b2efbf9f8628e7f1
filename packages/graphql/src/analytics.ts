import { DomainError } from '@pq/errors';
import { isYearMonth } from '@pq/time';

/** The dimensions an analytics request groups by; scoring serves them, appeals adds its outcomes per group. */
export enum AnalyticsDimension {
  REGION = 'REGION',
  INSTITUTION = 'INSTITUTION',
  INSTITUTION_KIND = 'INSTITUTION_KIND',
  PERSONNEL_CATEGORY = 'PERSONNEL_CATEGORY',
  VIOLATION_ITEM = 'VIOLATION_ITEM',
  MONTH = 'MONTH',
}

/** What an analytics request selects, normalized: months `YYYY-MM`, absent lists null (no restriction). */
export interface AnalyticsSelection {
  regionPrefix: string;
  fromMonth: string;
  toMonth: string;
  institutionKinds: string[] | null;
  personnelCategories: string[] | null;
  violationCodes: string[] | null;
  groupBy: AnalyticsDimension[];
}

/** First day of the selection's months and the first day after them: the half-open range every aggregate filters on. */
export function analyticsDays(selection: Pick<AnalyticsSelection, 'fromMonth' | 'toMonth'>): { from: string; until: string } {
  const [year, month] = [Number(selection.toMonth.slice(0, 4)), Number(selection.toMonth.slice(5, 7))];
  const until = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { from: `${selection.fromMonth}-01`, until };
}

/** One group's values of the dimensions grouped by; the others are null. */
export interface AnalyticsKey {
  regionCode: string | null;
  institutionCode: string | null;
  institutionKind: string | null;
  category: string | null;
  ruleSetId: string | null;
  violationCode: string | null;
  month: string | null;
}

/** A group of no dimension: every value null, the base a group's own values are spread over. */
export const NO_ANALYTICS_KEY: AnalyticsKey = {
  regionCode: null,
  institutionCode: null,
  institutionKind: null,
  category: null,
  ruleSetId: null,
  violationCode: null,
  month: null,
};

const DIMENSIONS = new Set<unknown>(Object.values(AnalyticsDimension));
const textOrNull = (value: unknown) => value === null || typeof value === 'string';
const textsOrNull = (value: unknown) => value === null || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

/** Whether a decoded id holds what encodeAnalyticsGroupId writes: a client may send any text as an id. */
function isGroup(selection: AnalyticsSelection, key: AnalyticsKey): boolean {
  if (!selection || typeof selection !== 'object' || !key || typeof key !== 'object') return false;
  const { regionPrefix, fromMonth, toMonth, groupBy } = selection;
  return (
    typeof regionPrefix === 'string' &&
    typeof fromMonth === 'string' &&
    typeof toMonth === 'string' &&
    isYearMonth(fromMonth) &&
    isYearMonth(toMonth) &&
    fromMonth <= toMonth &&
    Array.isArray(groupBy) &&
    groupBy.every((dimension) => DIMENSIONS.has(dimension)) &&
    [selection.institutionKinds, selection.personnelCategories, selection.violationCodes].every(textsOrNull) &&
    Object.keys(NO_ANALYTICS_KEY).every((name) => textOrNull(key[name as keyof AnalyticsKey]))
  );
}

/**
 * An analytics group's federation key: the selection and the group's key, so the subgraph adding
 * measures to a group (appeals) aggregates the same cell without a second request of the client.
 */
export function encodeAnalyticsGroupId(selection: AnalyticsSelection, key: AnalyticsKey): string {
  return Buffer.from(JSON.stringify([selection, key]), 'utf8').toString('base64url');
}

export function decodeAnalyticsGroupId(id: string): { selection: AnalyticsSelection; key: AnalyticsKey } {
  try {
    const [selection, key] = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as [AnalyticsSelection, AnalyticsKey];
    if (isGroup(selection, key)) return { selection, key };
  } catch {
    // a malformed id is the caller's mistake, answered below
  }
  throw new DomainError('BAD_USER_INPUT', 'not an analytics group id', { field: 'groupId' });
}

/** The key of a group as text, the same in every subgraph: groups of two answers are matched by it. */
export const analyticsKeyText = (key: AnalyticsKey): string =>
  JSON.stringify([key.regionCode, key.institutionCode, key.institutionKind, key.category, key.ruleSetId, key.violationCode, key.month]);
