import { sqlMigration } from '@pq/data';

// Failed deliveries wait aside (retries, dead letters) and a relay's lease replaces its session lock.
export default sqlMigration([
  `create table "scoring".outbox_retry (
       subscriber text not null,
       seq bigint not null references "scoring".outbox_event (seq) on delete cascade,
       attempts int not null,
       last_error text not null,
       retry_at timestamptz not null,
       primary key (subscriber, seq))`,
  `create table "scoring".outbox_dead_letter (
       subscriber text not null,
       seq bigint not null references "scoring".outbox_event (seq) on delete cascade,
       attempts int not null,
       reason text not null,
       dead_at timestamptz not null default now(),
       primary key (subscriber, seq))`,
  `create table "scoring".relay_lease (
       subscriber text primary key,
       holder text not null,
       expires_at timestamptz not null)`,
]);
