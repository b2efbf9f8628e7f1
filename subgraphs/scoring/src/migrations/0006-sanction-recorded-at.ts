import { MigrationEntry, sqlMigration } from '@pq/data';

export const migration0006: MigrationEntry = {
  name: '0006-sanction-recorded-at',
  // Sanctions taking effect on the same day (a termination lifted on appeal and its replacing suspension) keep the order they were decided in.
  class: sqlMigration([`alter table scoring.sanction add column recorded_at timestamptz not null default now()`]),
};
