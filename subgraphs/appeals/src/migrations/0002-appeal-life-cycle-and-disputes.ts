import { sqlMigration } from '@pq/data';

export default sqlMigration([
  `alter table appeals.score_record_view add column region_code varchar(6), add column appeal_by date`,
  `create table appeals.institution_view (code varchar(12) primary key, region_code varchar(6) not null)`,
  // A5: an appeal is against a score record or, for agreement disputes, an agreement decision.
  `alter table appeals.appeal alter column score_record_id drop not null, alter column person_code drop not null,
     add column subject text not null default 'SCORE' check (subject in ('SCORE', 'AGREEMENT')),
     add column decision_document text,
     add column region_code varchar(6),
     add column status_before_expert_review text,
     add column expert_review_started_on date,
     add column escalated boolean not null default false,
     add column decided_on date,
     add column decision_reason text,
     add column new_points int`,
  `update appeals.appeal a set region_code = substr(a.institution_code, 2, 6)`,
  `alter table appeals.appeal alter column region_code set not null`,
  `create index appeal_queue_index on appeals.appeal (status, decide_by, id)`,
  `create table appeals.appeal_step (
     id uuid primary key,
     appeal_id uuid not null references appeals.appeal (id) deferrable initially deferred,
     action text not null,
     from_status text,
     to_status text not null,
     actor text not null,
     actor_role text not null,
     happened_on date not null,
     recorded_at timestamptz not null default now(),
     note text)`,
  `create index appeal_step_appeal_index on appeals.appeal_step (appeal_id, recorded_at)`,
]);
