import { Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import { idempotencyTableSql } from './idempotency';
import { outboxTablesSql } from './outbox';

/** A migration written as plain SQL statements, in order. */
export function sqlMigration(statements: string[]): Constructor<Migration> {
  return class extends Migration {
    async up(): Promise<void> {
      for (const statement of statements) this.addSql(statement);
    }
  };
}

/** Tables every subgraph had from its first migration: the outbox, processed events and idempotency keys. */
export function platformTablesSql(schema: string): string[] {
  return [...outboxTablesSql(schema), idempotencyTableSql(schema)];
}
