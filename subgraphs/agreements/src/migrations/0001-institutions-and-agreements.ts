import { sqlMigration } from '@pq/data';

export default sqlMigration([
  // The platform tables: the outbox and its deliveries, events applied, idempotency keys.
  `create table "agreements".outbox_event (
       seq bigserial primary key,
       id uuid not null unique,
       type text not null,
       aggregate_key text not null,
       payload jsonb not null,
       occurred_at timestamptz not null default now())`,
  `create table "agreements".outbox_pending (
       subscriber text not null,
       seq bigint not null references "agreements".outbox_event (seq) on delete cascade,
       primary key (subscriber, seq))`,
  `create table "agreements".processed_event (
       id uuid primary key,
       source text not null,
       type text not null,
       processed_at timestamptz not null default now())`,
  `create table "agreements".idempotency_key (
    caller text not null,
    operation text not null,
    key text not null,
    request_hash text not null,
    result jsonb,
    created_at timestamptz not null default now(),
    primary key (caller, operation, key))`,
  `create table agreements.institution (
       code varchar(12) primary key,
       name text not null,
       kind text not null check (kind in ('MEDICAL', 'PHARMACY')),
       region_code varchar(6) not null)`,
  `create index institution_region_code_index on agreements.institution (region_code text_pattern_ops, code)`,
  `create table agreements.agreement (
       id uuid primary key,
       institution_code varchar(12) not null references agreements.institution (code),
       status text not null check (status in ('ACTIVE', 'SUSPENDED', 'TERMINATED', 'EXPIRED')),
       valid_from date not null,
       valid_until date not null,
       unique (institution_code, valid_from))`,
]);
