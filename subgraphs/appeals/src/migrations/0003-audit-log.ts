import { auditTableSql, sqlMigration } from '@pq/data';

export const migration0003 = sqlMigration(auditTableSql('appeals'));
