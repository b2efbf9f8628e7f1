import { auditScopeSql, sqlMigration } from '@pq/data';

/** Audit entries carry where they belong; older ones have none and are read nationally only. */
export const auditScope = sqlMigration(auditScopeSql('registry'));
