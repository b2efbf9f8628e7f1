import { sqlMigration } from '@pq/data';

// Analytics group appeal outcomes by institution kind: the read model keeps it as agreements' events
// tell it; institutions known before take it from their code (G0: H medical, P pharmacy).
export default sqlMigration([
  `alter table appeals.institution_view add column kind text`,
  `update appeals.institution_view set kind = case when code like 'H%' then 'MEDICAL' else 'PHARMACY' end`,
  `alter table appeals.institution_view alter column kind set not null`,
]);
