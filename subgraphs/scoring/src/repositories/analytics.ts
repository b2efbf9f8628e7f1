import { EntityManager, queryRows } from '@pq/data';
import { analyticsDays, AnalyticsDimension, AnalyticsKey, AnalyticsSelection } from '@pq/graphql';
import { POINT_BUCKET_FLOORS } from '../domain/analytics';

/**
 * Analytics over a region's score records and sanctions: one grouped statement per measure, the
 * dimensions chosen by the request. The key columns are named as AnalyticsKey's fields, so every
 * statement's rows turn into keys alike.
 */

type KeyColumn = 'region_code' | 'institution_code' | 'institution_kind' | 'category' | 'rule_set_id' | 'violation_code' | 'month';

/** The SQL of each dimension over the aliases i (institution_view), p (person_view), r (score_record); `day` is the row's date. */
const DIMENSIONS: Record<AnalyticsDimension, (day: string) => [KeyColumn, string][]> = {
  REGION: () => [['region_code', 'i.region_code']],
  INSTITUTION: () => [['institution_code', 'i.code']],
  INSTITUTION_KIND: () => [['institution_kind', 'i.kind']],
  PERSONNEL_CATEGORY: () => [['category', 'p.category']],
  VIOLATION_ITEM: () => [
    ['rule_set_id', 'r.rule_set_id'],
    ['violation_code', 'r.violation_code'],
  ],
  MONTH: (day) => [['month', `to_char(${day}, 'YYYY-MM')`]],
};

const keyColumns = (groupBy: AnalyticsDimension[], day: string) => [...new Set(groupBy)].flatMap((dimension) => DIMENSIONS[dimension](day));

// Optional filters are null parameters ($4–$6): one statement text per grouping.
const filterSql = (day: string) => `${day} >= $1::date and ${day} < $2::date and i.region_code like $3 || '%'
  and ($4::text[] is null or i.kind = any($4::text[]))
  and ($5::text[] is null or p.category = any($5::text[]))
  and ($6::text[] is null or r.violation_code = any($6::text[]))`;

const filterValues = (selection: AnalyticsSelection) => {
  const { from, until } = analyticsDays(selection);
  return [from, until, selection.regionPrefix, selection.institutionKinds, selection.personnelCategories, selection.violationCodes];
};

function keyOf(row: Partial<Record<KeyColumn, string | null>>): AnalyticsKey {
  return {
    regionCode: row.region_code ?? null,
    institutionCode: row.institution_code ?? null,
    institutionKind: row.institution_kind ?? null,
    category: row.category ?? null,
    ruleSetId: row.rule_set_id ?? null,
    violationCode: row.violation_code ?? null,
    month: row.month ?? null,
  };
}

export interface ScoreAggregate {
  key: AnalyticsKey;
  persons: number;
  records: number;
  points: number;
  /** Persons per bucket of POINT_BUCKET_FLOORS, in order. */
  distribution: number[];
}

/**
 * Persons scored, score records and points per group; the distribution counts each person once per
 * group and year at their year total after their last decision in the group (S5–S6: all their
 * institutions' points, re-derived after appeals and repairs).
 */
export async function aggregateScores(em: EntityManager, selection: AnalyticsSelection): Promise<ScoreAggregate[]> {
  const columns = keyColumns(selection.groupBy, 'r.decided_on');
  const inner = columns.map(([name, sql]) => `${sql} as ${name}`);
  const outer = columns.map(([name]) => name);
  const buckets = POINT_BUCKET_FLOORS.map((_, i) => `count(*) filter (where width_bucket(c.total, $7::int[]) = ${i + 1})::int as b${i}`);
  const rows = await queryRows<Record<string, string | number | null>>(em, {
    text: `with c as (
             select ${[...inner, 'r.person_code', 'r.year'].join(', ')}, count(*) as records, sum(r.points) as points, max(r.year_total_after) as total
               from scoring.score_record r
               join scoring.institution_view i on i.code = r.institution_code
               left join scoring.person_view p on p.code = r.person_code
              where ${filterSql('r.decided_on')}
              group by ${[...columns.map(([, sql]) => sql), 'r.person_code', 'r.year'].join(', ')})
           select ${[...outer, 'count(distinct c.person_code)::int as persons', 'coalesce(sum(c.records), 0)::int as records', 'coalesce(sum(c.points), 0)::int as points', ...buckets].join(', ')}
             from c${outer.length ? ` group by ${outer.join(', ')}` : ''}`,
    values: [...filterValues(selection), POINT_BUCKET_FLOORS],
  });
  return rows.map((row) => ({
    key: keyOf(row as Record<KeyColumn, string | null>),
    persons: Number(row.persons),
    records: Number(row.records),
    points: Number(row.points),
    distribution: POINT_BUCKET_FLOORS.map((_, i) => Number(row[`b${i}`])),
  }));
}

export interface SanctionAggregate {
  key: AnalyticsKey;
  suspensions: number;
  terminations: number;
}

/**
 * Suspensions and terminations (S7) decided in the period, by their first day, at the institution
 * of the notice that decided them; annulled ones never should have applied and are left out. By
 * violation item, a sanction counts under each item its deciding notice scored.
 */
export async function aggregateSanctions(em: EntityManager, selection: AnalyticsSelection): Promise<SanctionAggregate[]> {
  const columns = keyColumns(selection.groupBy, 'sa."from"');
  const rows = await queryRows<Record<string, string | number | null>>(em, {
    text: `select ${[
      ...columns.map(([name, sql]) => `${sql} as ${name}`),
      `count(distinct sa.id) filter (where sa.kind = 'SUSPENSION')::int as suspensions`,
      `count(distinct sa.id) filter (where sa.kind = 'TERMINATION')::int as terminations`,
    ].join(', ')}
             from scoring.sanction sa
             join scoring.notice n on n.sanction_id = sa.id
             join scoring.score_record r on r.notice_id = n.id
             join scoring.institution_view i on i.code = n.institution_code
             left join scoring.person_view p on p.code = sa.person_code
            where sa.kind in ('SUSPENSION', 'TERMINATION') and not sa.annulled and ${filterSql('sa."from"')}
            ${columns.length ? `group by ${columns.map(([, sql]) => sql).join(', ')}` : ''}`,
    values: filterValues(selection),
  });
  return rows.map((row) => ({
    key: keyOf(row as Record<KeyColumn, string | null>),
    suspensions: Number(row.suspensions),
    terminations: Number(row.terminations),
  }));
}
