import { createHash } from 'node:crypto';
import type { Constructor, EntityMetadata, EntityProperty } from '@mikro-orm/core';
import { countStatement, EntityManager } from './db';

/** Equality per property; an array means "any of these" (the keys of a DataLoader batch). */
export type RowFilter<T> = { [P in keyof T]?: T[P] | readonly T[P][] };
export type RowOrder<T> = { [P in keyof T]?: 'asc' | 'desc' };

interface PreparedRead {
  name: string;
  text: string;
  /** The filter's properties in parameter order. */
  parameters: string[];
  columns: { property: string; convert: (value: unknown) => unknown }[];
  prototype: object;
}

const prepared = new Map<string, PreparedRead>();

function converter(em: EntityManager, prop: EntityProperty): (value: unknown) => unknown {
  const platform = em.getPlatform();
  if (prop.runtimeType === 'Date') return (value) => (typeof value === 'string' ? platform.parseDate(value) : value);
  const type = prop.customType;
  return type ? (value) => (value == null ? value : type.convertToJSValue(value, platform)) : (value) => value;
}

function prepare<T extends object>(em: EntityManager, entity: Constructor<T>, where: RowFilter<T>, orderBy: RowOrder<T>): PreparedRead {
  const meta: EntityMetadata<T> = em.getMetadata().get(entity.name);
  const schema = meta.schema ?? em.config.get('schema');
  const key = `${schema}.${meta.className}|${Object.entries(where).map(([p, v]) => `${p}${Array.isArray(v) ? '[]' : ''}`)}|${JSON.stringify(orderBy)}`;
  const cached = prepared.get(key);
  if (cached) return cached;
  const column = (property: string) => {
    const prop = meta.props.find((candidate) => candidate.name === property);
    if (!prop) throw new Error(`${meta.className} has no property ${property}`);
    return `"${prop.fieldNames[0]}"`;
  };
  const scalars = meta.props.filter((prop) => prop.kind === 'scalar' && prop.persist !== false && !prop.formula);
  const parameters = Object.keys(where);
  const conditions = parameters.map((property, i) => (Array.isArray(where[property as keyof T]) ? `${column(property)} = any($${i + 1})` : `${column(property)} = $${i + 1}`));
  const order = Object.entries(orderBy).map(([property, direction]) => `${column(property)} ${direction}`);
  const text =
    `select ${scalars.map((prop) => `"${prop.fieldNames[0]}" as "${prop.name}"`).join(', ')} from "${schema}"."${meta.tableName}"` +
    (conditions.length ? ` where ${conditions.join(' and ')}` : '') +
    (order.length ? ` order by ${order.join(', ')}` : '');
  const read: PreparedRead = {
    name: `pq_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`,
    text,
    parameters,
    columns: scalars.map((prop) => ({ property: prop.name, convert: converter(em, prop) })),
    prototype: meta.prototype,
  };
  prepared.set(key, read);
  return read;
}

/**
 * Runs one parameterised statement (`$1`, `$2`, …) on the request's connection: the transaction's
 * inside a transaction, else a pooled one. Bound arrays reach PostgreSQL as arrays (no literal
 * inlining), and a named statement is parsed and planned once per connection. Counted like every
 * statement of a request.
 */
export async function queryRows<R = Record<string, unknown>>(em: EntityManager, statement: { text: string; values: unknown[]; name?: string }): Promise<R[]> {
  // A knex transaction's client hands out the transaction's own connection.
  const client = (em.getTransactionContext() ?? em.getConnection().getKnex()).client;
  const connection = await client.acquireConnection();
  try {
    countStatement();
    return (await connection.query(statement)).rows as R[];
  } finally {
    await client.releaseConnection(connection);
  }
}

/**
 * `em.find` for the read paths behind DataLoaders: the SQL is built once per shape from the
 * entity's metadata and runs as a named prepared statement, and rows become plain instances of
 * the entity class (not managed: loaders only read). MikroORM's query building and hydration
 * were about a third of a subgraph's CPU per request (see README, Performance).
 */
export async function findRows<T extends object>(em: EntityManager, entity: Constructor<T>, where: RowFilter<T>, orderBy: RowOrder<T> = {}): Promise<T[]> {
  if (Object.values(where).some((value) => Array.isArray(value) && value.length === 0)) return [];
  const read = prepare(em, entity, where, orderBy);
  const rows = await queryRows(em, { name: read.name, text: read.text, values: read.parameters.map((p) => where[p as keyof T]) });
  return rows.map((row) => {
    const instance = Object.create(read.prototype) as Record<string, unknown>;
    for (const { property, convert } of read.columns) instance[property] = convert(row[property]);
    return instance as T;
  });
}
