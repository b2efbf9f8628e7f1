import { sqlMigration } from '@pq/data';

export default sqlMigration([
  // The platform tables: the outbox and its deliveries, events applied, idempotency keys.
  `create table "appeals".outbox_event (
       seq bigserial primary key,
       id uuid not null unique,
       type text not null,
       aggregate_key text not null,
       payload jsonb not null,
       occurred_at timestamptz not null default now())`,
  `create table "appeals".outbox_pending (
       subscriber text not null,
       seq bigint not null references "appeals".outbox_event (seq) on delete cascade,
       primary key (subscriber, seq))`,
  `create table "appeals".processed_event (
       id uuid primary key,
       source text not null,
       type text not null,
       processed_at timestamptz not null default now())`,
  `create table "appeals".idempotency_key (
    caller text not null,
    operation text not null,
    key text not null,
    request_hash text not null,
    result jsonb,
    created_at timestamptz not null default now(),
    primary key (caller, operation, key))`,
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
]);
