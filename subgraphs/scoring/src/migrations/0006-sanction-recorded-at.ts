import { sqlMigration } from '@pq/data';

// Sanctions taking effect on the same day (a termination lifted on appeal and its replacing suspension) keep the order they were decided in.
export default sqlMigration([`alter table scoring.sanction add column recorded_at timestamptz not null default now()`]);
