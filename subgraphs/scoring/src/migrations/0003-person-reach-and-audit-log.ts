import { auditTableSql, MigrationEntry, sqlMigration } from '@pq/data';

export const migration0003: MigrationEntry = {
  name: '0003-person-reach-and-audit-log',
  class: sqlMigration([
    // Where a person works (institutions and their regions), for row scope on scoring's fields.
    `alter table scoring.known_person add column institution_codes text[] not null default '{}', add column region_codes text[] not null default '{}'`,
    ...auditTableSql('scoring'),
  ]),
};
