import { sqlMigration } from '@pq/data';

export default sqlMigration([
  // Why a registration is not normal: a person-level sanction (R5–R6) or the institution's agreement (R7).
  // Lifting one must never undo the other.
  `alter table registry.registration add column status_source text check (status_source in ('PERSON_SANCTION', 'AGREEMENT_MEASURE'))`,
  `update registry.registration set status_source = 'PERSON_SANCTION' where status in ('SUSPENDED', 'TERMINATED')`,
]);
