import { Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import { idempotencyTableSql } from './idempotency';

/** A migration written as plain SQL statements, in order. */
export function sqlMigration(statements: string[]): Constructor<Migration> {
  return class extends Migration {
    async up(): Promise<void> {
      for (const statement of statements) this.addSql(statement);
    }
  };
}

/** The outbox of events to deliver and the events applied (@pq/events writes and reads them). */
function outboxTablesSql(schema: string): string[] {
  return [
    `create table "${schema}".outbox_event (
       seq bigserial primary key,
       id uuid not null unique,
       type text not null,
       aggregate_key text not null,
       payload jsonb not null,
       occurred_at timestamptz not null default now())`,
    `create table "${schema}".outbox_pending (
       subscriber text not null,
       seq bigint not null references "${schema}".outbox_event (seq) on delete cascade,
       primary key (subscriber, seq))`,
    `create table "${schema}".processed_event (
       id uuid primary key,
       source text not null,
       type text not null,
       processed_at timestamptz not null default now())`,
  ];
}

/**
 * Deliveries that failed (retried later, with backoff), the ones set aside after too many
 * failures (dead letters, until an operator replays or discards them), and the lease of the
 * relay delivering to each subscriber (@pq/events, relay.ts).
 */
export function deliveryTablesSql(schema: string): string[] {
  return [
    `create table "${schema}".outbox_retry (
       subscriber text not null,
       seq bigint not null references "${schema}".outbox_event (seq) on delete cascade,
       attempts int not null,
       last_error text not null,
       retry_at timestamptz not null,
       primary key (subscriber, seq))`,
    `create table "${schema}".outbox_dead_letter (
       subscriber text not null,
       seq bigint not null references "${schema}".outbox_event (seq) on delete cascade,
       attempts int not null,
       reason text not null,
       dead_at timestamptz not null default now(),
       primary key (subscriber, seq))`,
    `create table "${schema}".relay_lease (
       subscriber text primary key,
       holder text not null,
       expires_at timestamptz not null)`,
  ];
}

/** Tables every subgraph had from its first migration: the outbox, processed events and idempotency keys. */
export function platformTablesSql(schema: string): string[] {
  return [...outboxTablesSql(schema), idempotencyTableSql(schema)];
}
