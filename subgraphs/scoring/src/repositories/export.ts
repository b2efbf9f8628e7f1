import { exportConditions, exportPeriod, ExportRequest, exportWhere } from '@pq/subgraph';
import { personFacts, SCORE_RECORD_FACTS } from './scope';

/** The selects of scoring's bulk exports (docs/export.md): columns named as exported, rows in a stable order. */

/** Each person's total of the year (S6), persons with none left out, in code order: the gateway joins it to registry's persons. */
export function pointsExportRows(request: ExportRequest): { text: string; values: unknown[] } {
  const values: unknown[] = [request.year];
  const conditions = ['y.year = $1', ...exportConditions(request, personFacts('y.person_code'), (value) => `$${values.push(value)}`)];
  return { text: `select y.person_code as code, y.points from scoring.person_year y ${exportWhere(conditions)} order by y.person_code`, values };
}

/** Score records decided in the period, by the region of the institution where the behaviour happened. */
export function scoreRecordExportRows(request: ExportRequest): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const conditions = [...exportConditions(request, SCORE_RECORD_FACTS, bind), ...exportPeriod(request, 'r.decided_on', bind)];
  return {
    text: `select r.id, r.person_code as "personCode", r.institution_code as "institutionCode", r.decided_on as "decidedOn", r.year,
                  r.rule_set_id as "ruleSetId", r.violation_code as "violationCode", r.responsibility, r.mitigation, r.aggravation,
                  r.adjustment, r.points, r.original_points as "originalPoints", r.year_total_after as "yearTotalAfter",
                  r.decision_type as "decisionType", r.document_number as "documentNumber"
             from scoring.score_record r ${exportWhere(conditions)} order by r.decided_on, r.id`,
    values,
  };
}

/** Suspensions and terminations decided in the period, with their state (in force, lifted, annulled…). */
export function sanctionExportRows(request: ExportRequest): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const conditions = [...exportConditions(request, personFacts('s.person_code'), bind), ...exportPeriod(request, 's.decided_on', bind)];
  return {
    text: `select s.id, s.person_code as "personCode", s.kind, s.state, s.decided_on as "decidedOn", s."from", s.until, s.months,
                  s.ban_years as "banYears", s.year_total as "yearTotal", s.reason, s.basis_document as "basisDocument",
                  s.lifted_on as "liftedOn", s.lift_reason as "liftReason", s.annulled
             from scoring.sanction s ${exportWhere(conditions)} order by s.decided_on, s.id`,
    values,
  };
}
