import { Migration, Migrator } from '@mikro-orm/migrations';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Constructor } from '@mikro-orm/core';

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
 * Counts every SQL statement this process sends. Tests read it to prove that a request's
 * statement count does not grow with the number of keys (DataLoader batching); the
 * benchmark reports it per request.
 */
export const sqlStatementCounter = { count: 0 };

export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const orm = await MikroORM.init({
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: options.poolMax ?? 8 },
    // A request always works on its own fork (see context.ts); the global manager must never be used for it.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
  });
  orm.em.getConnection().getKnex().on('query', () => {
    sqlStatementCounter.count++;
  });
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
