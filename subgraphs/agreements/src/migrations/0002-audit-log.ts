import { auditTableSql, sqlMigration } from '@pq/data';

export default sqlMigration(auditTableSql('agreements'));
