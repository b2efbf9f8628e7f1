import { EntityManager, queryRows } from '@pq/data';
import { analyticsDays, AnalyticsDimension, AnalyticsKey, AnalyticsSelection } from '@pq/graphql';
import { AppealStatus, OPEN_APPEAL_STATUSES } from '../domain/appeal';

/** The dimensions appeals knows of an appeal: its institution, region and kind, and the month of the decision appealed. */
const DIMENSIONS: Partial<Record<AnalyticsDimension, [keyof AnalyticsKey, string]>> = {
  REGION: ['regionCode', 'a.region_code'],
  INSTITUTION: ['institutionCode', 'a.institution_code'],
  INSTITUTION_KIND: ['institutionKind', 'i.kind'],
  MONTH: ['month', `to_char(v.decided_on, 'YYYY-MM')`],
};

/** Whether appeals can aggregate a selection: it knows neither persons' categories nor violation items. */
export const appealsAnswer = (selection: AnalyticsSelection): boolean =>
  !selection.personnelCategories && !selection.violationCodes && selection.groupBy.every((dimension) => Object.hasOwn(DIMENSIONS, dimension));

export interface AppealOutcomeAggregate {
  key: Partial<AnalyticsKey>;
  persons: number;
  filed: number;
  open: number;
  upheld: number;
  changed: number;
  withdrawn: number;
}

/**
 * A1–A4 per group: appeals against the score records decided in the period (the score's day, so a
 * group's appeals are those of its scores), by where they stand. One statement per selection.
 */
export async function aggregateAppealOutcomes(em: EntityManager, selection: AnalyticsSelection): Promise<AppealOutcomeAggregate[]> {
  const columns = selection.groupBy.map((dimension) => DIMENSIONS[dimension]!);
  const { from, until } = analyticsDays(selection);
  const rows = await queryRows<Record<string, string | number>>(em, {
    text: `select ${[
      ...columns.map(([, sql], i) => `${sql} as k${i}`),
      'count(distinct a.person_code)::int as persons',
      'count(*)::int as filed',
      `count(*) filter (where a.status = any($5::text[]))::int as open`,
      `count(*) filter (where a.status = '${AppealStatus.UPHELD}')::int as upheld`,
      `count(*) filter (where a.status = '${AppealStatus.CHANGED}')::int as changed`,
      `count(*) filter (where a.status = '${AppealStatus.WITHDRAWN}')::int as withdrawn`,
    ].join(', ')}
             from appeals.appeal a
             join appeals.score_record_view v on v.id = a.score_record_id
             join appeals.institution_view i on i.code = a.institution_code
            where v.decided_on >= $1::date and v.decided_on < $2::date and a.region_code like $3 || '%'
              and ($4::text[] is null or i.kind = any($4::text[]))
            ${columns.length ? `group by ${columns.map(([, sql]) => sql).join(', ')}` : ''}`,
    values: [from, until, selection.regionPrefix, selection.institutionKinds, OPEN_APPEAL_STATUSES],
  });
  return rows.map((row) => ({
    key: Object.fromEntries(columns.map(([field], i) => [field, row[`k${i}`]])),
    persons: Number(row.persons),
    filed: Number(row.filed),
    open: Number(row.open),
    upheld: Number(row.upheld),
    changed: Number(row.changed),
    withdrawn: Number(row.withdrawn),
  }));
}
