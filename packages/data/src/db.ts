import { AsyncLocalStorage } from 'node:async_hooks';
import { Migration, Migrator } from '@mikro-orm/migrations';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Constructor } from '@mikro-orm/core';
import { PLATFORM_ENTITIES } from './platform-entities';

export type { EntityManager };
export { MikroORM };

export interface MigrationEntry {
  name: string;
  class: Constructor<Migration>;
}

export interface DatabaseOptions {
  /** The subgraph's own PostgreSQL schema; every table it owns lives there. */
  schema: string;
  url: string;
  entities: Constructor<object>[];
  migrations: MigrationEntry[];
  /** Two cores serve four subgraphs and a gateway: a small pool per subgraph keeps PostgreSQL from thrashing. */
  poolMax?: number;
}

/**
 * The SQL statements of one request, counted in the request's async context (background work
 * such as the outbox relay is not counted). Tests use it to prove that a request's statements
 * do not grow with the number of keys (DataLoader batching); the benchmark reports it.
 */
export const requestStatements = new AsyncLocalStorage<{ count: number }>();

export type StatementObserver = (requestId: string, service: string, statements: number) => void;
let statementObserver: StatementObserver | null = null;

/** Receives the statement count of every GraphQL request a subgraph of this process served. */
export function observeRequestStatements(observer: StatementObserver | null): void {
  statementObserver = observer;
}

/** Counts one statement sent for the request running in this async context, if any. */
export function countStatement(): void {
  const counter = requestStatements.getStore();
  if (counter) counter.count++;
}

/**
 * Counts the statements sent from here on in this async context, for one GraphQL operation, and
 * returns what reports the count when it is done. Called from the operation's first plugin hook:
 * Apollo Server runs a batch's operations side by side inside one call, so no `run` can wrap one
 * of them alone; each hook call starts its operation's own chain of continuations.
 */
export function countStatementsFromHere(requestId: string, service: string, report: (statements: number) => void): () => void {
  const counter = { count: 0 };
  requestStatements.enterWith(counter);
  return () => {
    report(counter.count);
    statementObserver?.(requestId, service, counter.count);
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const orm = await MikroORM.init({
    clientUrl: options.url,
    // libpq's `?host=/directory` reaches PostgreSQL through its Unix socket (the embedded database
    // is reached so); MikroORM takes only the host name from the URL.
    host: new URL(options.url).searchParams.get('host') ?? undefined,
    schema: options.schema,
    entities: [...options.entities, ...PLATFORM_ENTITIES],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: {
      min: 0,
      max: options.poolMax ?? 8,
      // Named statements (loaders, eligibility) keep one plan per connection instead of being
      // planned again on every run: PostgreSQL's default tried custom plans for the batched
      // `= any($1)` / unnest statements and kept them, doubling the cost of a one-line check.
      // One-off statements (unnamed, e.g. a 20,000-line audit) are still planned for their values.
      afterCreate: (connection: { query(sql: string, done: (error: Error | null) => void): void }, done: (error: Error | null, connection: unknown) => void) =>
        connection.query('set plan_cache_mode = force_generic_plan', (error) => done(error, connection)),
    },
    // A request always works on its own fork (@pq/subgraph, createRequestContext); the global manager must never be used for it.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
  });
  orm.em.getConnection().getKnex().on('query', countStatement);
  return orm;
}

/**
 * Applies pending migrations (never schema sync). A session advisory lock keyed by the schema
 * makes replicas of the same subgraph starting together migrate one after the other.
 */
export async function migrate(orm: MikroORM, schema: string): Promise<void> {
  const knex = orm.em.getConnection().getKnex();
  const lockConnection = await knex.client.acquireConnection();
  try {
    await lockConnection.query('select pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    await knex.raw(`create schema if not exists "${schema}"`);
    await orm.getMigrator().up();
  } finally {
    await lockConnection.query('select pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]);
    await knex.client.releaseConnection(lockConnection);
  }
}
