import { auditTableSql, sqlMigration } from '@pq/kit';

export const migration0003 = sqlMigration(auditTableSql('appeals'));
