import { sqlMigration } from '@pq/data';

export default sqlMigration([
  // Where a person works (institutions and their regions), for row scope on scoring's fields.
  `alter table scoring.known_person add column institution_codes text[] not null default '{}', add column region_codes text[] not null default '{}'`,
  `create table "scoring".audit_log (
       id bigserial primary key,
       at timestamptz not null default now(),
       request_id text,
       caller text not null,
       caller_role text not null,
       operation text not null,
       target text not null,
       basis_document text)`,
  `create index audit_log_target_index on "scoring".audit_log (target, at)`,
]);
