import { sqlMigration } from '@pq/data';

// Analytics group scores by institution kind and personnel category: the read models keep both as
// agreements' and registry's events tell them. Institutions known before take their kind from their
// code (G0: H medical, P pharmacy); persons known before have no category until registered again.
// Periods are read by decision day (copy reports page in (decided_on, id) order) and by a
// sanction's first day.
export default sqlMigration([
  `alter table scoring.institution_view add column kind text`,
  `update scoring.institution_view set kind = case when code like 'H%' then 'MEDICAL' else 'PHARMACY' end`,
  `alter table scoring.institution_view alter column kind set not null`,
  `alter table scoring.person_view add column category text`,
  `create index score_record_decided_on_index on scoring.score_record (decided_on, id)`,
  `create index sanction_from_index on scoring.sanction ("from")`,
]);
