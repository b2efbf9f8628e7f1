import { auditTableSql, sqlMigration } from '@pq/kit';

export default sqlMigration(auditTableSql('agreements'));
