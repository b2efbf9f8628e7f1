import { auditTableSql, sqlMigration } from '@pq/kit';

export const auditLog = sqlMigration(auditTableSql('registry'));
