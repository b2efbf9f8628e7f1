import { sqlMigration } from '@pq/data';

/** Audit entries carry where they belong; older ones have none and are read nationally only. */
export default sqlMigration([
  `alter table "appeals".audit_log add column region_codes text[] not null default '{}', add column institution_codes text[] not null default '{}'`,
]);
