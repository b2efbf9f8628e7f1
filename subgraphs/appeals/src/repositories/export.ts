import { exportConditions, exportPeriod, ExportRequest, exportWhere } from '@pq/subgraph';
import { APPEAL_FACTS } from './appeals';

/**
 * Appeals filed in the period (docs/export.md), oldest first, without the appellant's statement
 * (free text, read one appeal at a time).
 */
export function appealExportRows(request: ExportRequest): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const conditions = [...exportConditions(request, APPEAL_FACTS, bind), ...exportPeriod(request, 'a.filed_on', bind)];
  return {
    text: `select a.id, a.subject, a.score_record_id as "scoreRecordId", a.decision_document as "decisionDocument", a.person_code as "personCode",
                  a.institution_code as "institutionCode", a.region_code as "regionCode", a.status, a.filed_on as "filedOn", a.decide_by as "decideBy",
                  a.escalated, a.decided_on as "decidedOn", a.decision_reason as "decisionReason", a.new_points as "newPoints"
             from appeals.appeal a ${exportWhere(conditions)} order by a.filed_on, a.id`,
    values,
  };
}
