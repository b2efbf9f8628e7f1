import { auditTableSql, MigrationEntry, platformTablesSql, sqlMigration } from '@pq/kit';

export const migrations: MigrationEntry[] = [
  {
    name: '0001-appeals',
    class: sqlMigration([
      ...platformTablesSql('appeals'),
      `create table appeals.score_record_view (
         id uuid primary key,
         person_code varchar(16) not null,
         institution_code varchar(12) not null,
         points int not null,
         decided_on date not null,
         document_number text not null)`,
      `create table appeals.appeal (
         id uuid primary key,
         score_record_id uuid not null,
         person_code varchar(16) not null,
         institution_code varchar(12) not null,
         status text not null,
         filed_on date not null,
         decide_by date,
         statement text not null,
         filed_by text not null,
         created_at timestamptz not null default now())`,
      `create index appeal_person_index on appeals.appeal (person_code, status)`,
      `create index appeal_institution_index on appeals.appeal (institution_code, status)`,
      // A1: one open appeal per decision, kept by the database even under concurrent filings.
      `create unique index appeal_one_open_per_record on appeals.appeal (score_record_id) where status in ('FILED', 'EXPLAINED', 'ESCALATED', 'EXPERT_REVIEW')`,
    ]),
  },
  {
    name: '0002-appeal-life-cycle-and-disputes',
    class: sqlMigration([
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
    ]),
  },
  { name: '0003-audit-log', class: sqlMigration(auditTableSql('appeals')) },
];
