import { sqlMigration } from '@pq/data';

export default sqlMigration([
  `alter table scoring.sanction add column lifted_on date, add column lift_reason text`,
  // A4: a score changed on appeal can drop to 0 (removed); the original points stay on record.
  `alter table scoring.score_record drop constraint score_record_points_check`,
  `alter table scoring.score_record add constraint score_record_points_check check (points between 0 and 12)`,
  `alter table scoring.score_record add column original_points int, add column adjusted_by text`,
  `create table scoring.restoration_application (
       id uuid primary key,
       person_code varchar(16) not null,
       sanction_id uuid not null references scoring.sanction (id) deferrable initially deferred,
       institution_code varchar(12) not null,
       applied_on date not null,
       decide_by date not null,
       status text not null,
       decided_on date,
       reason text,
       created_at timestamptz not null default now())`,
  `create unique index restoration_one_open on scoring.restoration_application (sanction_id) where status = 'APPLIED'`,
]);
