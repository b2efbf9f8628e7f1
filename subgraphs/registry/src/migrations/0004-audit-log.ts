import { auditTableSql, sqlMigration } from '@pq/data';

export const auditLog = sqlMigration(auditTableSql('registry'));
