import { sqlMigration } from '@pq/data';

export default sqlMigration([
  `create table "appeals".audit_log (
       id bigserial primary key,
       at timestamptz not null default now(),
       request_id text,
       caller text not null,
       caller_role text not null,
       operation text not null,
       target text not null,
       basis_document text)`,
  `create index audit_log_target_index on "appeals".audit_log (target, at)`,
]);
