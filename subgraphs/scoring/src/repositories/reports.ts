import { EntityManager, queryRows, toEntities } from '@pq/data';
import { ScoreRecord } from '../entities/score-record';

export interface InstitutionFiguresRow {
  institutionCode: string;
  regionCode: string;
  kind: string;
  scoredPersons: number;
  points: number;
  suspensions: number;
  terminations: number;
  registeredPersonnel: number;
}

/**
 * S10, S14: per institution and year, in one statement: persons scored and points there, the
 * suspensions and terminations decided for behaviour there, and the personnel registered there at
 * some time in the year (from registry's events: registration_view). Either a list of
 * institutions or a region prefix selects them.
 */
export async function fetchInstitutionFigures(
  em: EntityManager,
  selection: { codes: string[] } | { regionPrefix: string },
  year: number,
): Promise<InstitutionFiguresRow[]> {
  const [where, param] = 'codes' in selection ? ['i.code = any($2::text[])', selection.codes] : ['i.region_code like $2', `${selection.regionPrefix}%`];
  // Each selected institution's score records are read through the (institution, year) index: a
  // city's are a few thousand of the province's year, which a grouping over the whole year sorted
  // on disk. The year of a sanction is a date range, so the filter is a plain comparison.
  const rows = await queryRows<Record<string, string>>(em, {
    text: `select i.code, i.region_code, i.kind,
            r.persons as scored_persons, r.points,
            coalesce(s.suspensions, 0) as suspensions, coalesce(s.terminations, 0) as terminations,
            (select count(*) from scoring.registration_view kr
              where kr.institution_code = i.code
                and (kr.registered_on is null or kr.registered_on < make_date($1::int + 1, 1, 1))
                and (kr.cancelled_on is null or kr.cancelled_on >= make_date($1::int, 1, 1))) as registered
       from scoring.institution_view i
       cross join lateral (select count(distinct sr.person_code) as persons, coalesce(sum(sr.points), 0) as points
                             from scoring.score_record sr where sr.institution_code = i.code and sr.year = $1) r
       left join (select n.institution_code,
                         count(*) filter (where sa.kind = 'SUSPENSION') as suspensions,
                         count(*) filter (where sa.kind = 'TERMINATION') as terminations
                    from scoring.sanction sa join scoring.notice n on n.sanction_id = sa.id
                   where sa."from" >= make_date($1::int, 1, 1) and sa."from" < make_date($1::int + 1, 1, 1)
                   group by n.institution_code) s on s.institution_code = i.code
      where ${where}
      order by i.code`,
    values: [year, param],
  });
  return rows.map((row) => ({
    institutionCode: row.code,
    regionCode: row.region_code,
    kind: row.kind,
    scoredPersons: Number(row.scored_persons),
    points: Number(row.points),
    suspensions: Number(row.suspensions),
    terminations: Number(row.terminations),
    registeredPersonnel: Number(row.registered),
  }));
}

/** Distinct persons scored in a region and year: a person scored at two institutions counts once. */
export async function countScoredPersons(em: EntityManager, regionPrefix: string, year: number): Promise<{ persons: number; records: number }> {
  const [row] = await queryRows<{ persons: number; records: number }>(em, {
    text: `select count(distinct r.person_code)::int as persons, count(*)::int as records
             from scoring.score_record r join scoring.institution_view i on i.code = r.institution_code
            where r.year = $1 and i.region_code like $2`,
    values: [year, `${regionPrefix}%`],
  });
  return row;
}

// A copy report's rows: a region's institutions' score records decided in a period.
const COPY_REPORT_WHERE = `r.decided_on between $1 and $2
  and exists (select 1 from scoring.institution_view i where i.code = r.institution_code and i.region_code like $3)`;

/** S14: the score records of a region's institutions decided in a period, oldest first, at most `limit`. */
export async function findCopyReportRecords(em: EntityManager, regionPrefix: string, from: string, to: string, limit: number): Promise<ScoreRecord[]> {
  const rows = await queryRows(em, {
    text: `select r.* from scoring.score_record r
            where ${COPY_REPORT_WHERE}
            order by r.decided_on asc, r.created_at asc
            limit $4`,
    values: [from, to, `${regionPrefix}%`, limit],
  });
  return toEntities(em, ScoreRecord, rows);
}

/** S14, paged: `limit` score records after the cursor's (decision day, id), in that order. */
export async function copyReportPage(
  em: EntityManager,
  regionPrefix: string,
  from: string,
  to: string,
  after: { decidedOn: string; id: string } | undefined,
  limit: number,
): Promise<ScoreRecord[]> {
  const rows = await queryRows(em, {
    name: 'scoring_copy_report_page',
    text: `select r.* from scoring.score_record r
            where ${COPY_REPORT_WHERE} and ($4::date is null or (r.decided_on, r.id) > ($4::date, $5::uuid))
            order by r.decided_on, r.id
            limit $6`,
    values: [from, to, `${regionPrefix}%`, after?.decidedOn ?? null, after?.id ?? null, limit],
  });
  return toEntities(em, ScoreRecord, rows);
}

export async function countCopyReport(em: EntityManager, regionPrefix: string, from: string, to: string): Promise<number> {
  const [{ count }] = await queryRows<{ count: number }>(em, {
    name: 'scoring_copy_report_count',
    text: `select count(*)::int as count from scoring.score_record r where ${COPY_REPORT_WHERE}`,
    values: [from, to, `${regionPrefix}%`],
  });
  return count;
}
