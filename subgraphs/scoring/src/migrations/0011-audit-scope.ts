import { auditScopeSql, MigrationEntry, sqlMigration } from '@pq/data';

/** Audit entries carry where they belong; older ones have none and are read nationally only. */
export const migration0011: MigrationEntry = { name: '0011-audit-scope', class: sqlMigration(auditScopeSql('scoring')) };
