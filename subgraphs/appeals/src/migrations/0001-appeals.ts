import { platformTablesSql, sqlMigration } from '@pq/data';

export const migration0001 = sqlMigration([
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
]);
