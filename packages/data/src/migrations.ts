import { Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';

/** A migration written as plain SQL statements, in order. */
export function sqlMigration(statements: string[]): Constructor<Migration> {
  return class extends Migration {
    async up(): Promise<void> {
      for (const statement of statements) this.addSql(statement);
    }
  };
}
