import { createHash } from 'node:crypto';
import type { Constructor, EntityMetadata, EntityProperty } from '@mikro-orm/core';
import { coalescedRead } from './coalesce';
import { countStatement, EntityManager } from './db';

/** Equality per property; an array means "any of these" (the keys of a DataLoader batch). */
export type RowFilter<T> = { [P in keyof T]?: T[P] | readonly T[P][] };
export type RowOrder<T> = { [P in keyof T]?: 'asc' | 'desc' };

/** How an entity's rows become instances: its persisted scalar columns and their conversions. */
interface EntityShape {
  schema: string;
  table: string;
  meta: EntityMetadata;
  /** The instances' prototype: the entity's, beneath own data properties for the columns (instancesOf). */
  prototype: object;
  columns: { field: string; property: string; convert: (value: unknown) => unknown }[];
}

interface PreparedRead {
  name: string;
  text: string;
  /** The filter's properties in parameter order. */
  parameters: string[];
  shape: EntityShape;
}

const shapes = new Map<string, EntityShape>();
const prepared = new Map<string, PreparedRead>();

function converter(em: EntityManager, prop: EntityProperty): (value: unknown) => unknown {
  const platform = em.getPlatform();
  if (prop.runtimeType === 'Date') return (value) => (typeof value === 'string' ? platform.parseDate(value) : value);
  const type = prop.customType;
  return type ? (value) => (value == null ? value : type.convertToJSValue(value, platform)) : (value) => value;
}

function shapeOf(em: EntityManager, entity: Constructor<object>): EntityShape {
  const meta: EntityMetadata = em.getMetadata().get(entity.name);
  const schema = meta.schema ?? em.config.get('schema');
  const key = `${schema}.${meta.className}`;
  const known = shapes.get(key);
  if (known) return known;
  // A many-to-one mapped to its key (`mapToPk`) is a plain column holding the key, as a scalar is.
  const scalars = meta.props.filter((prop) => (prop.kind === 'scalar' || (prop.kind === 'm:1' && prop.mapToPk)) && prop.persist !== false && !prop.formula);
  const columns = scalars.map((prop) => ({ field: prop.fieldNames[0], property: prop.name, convert: converter(em, prop) }));
  // MikroORM's prototype has a setter per property that, on an instance's first assignment, defines
  // accessors on it and builds its entity helper: most of a 100-row read's CPU. A writable data
  // property on a prototype between the two makes an assignment a plain own property instead.
  const prototype = Object.create(meta.prototype) as object;
  for (const { property } of columns) Object.defineProperty(prototype, property, { value: undefined, writable: true, configurable: true });
  const shape: EntityShape = { schema: schema ?? 'public', table: meta.tableName, meta, prototype, columns };
  shapes.set(key, shape);
  return shape;
}

/**
 * Rows keyed by column name (`select *` of the entity's table, e.g. a query builder's SQL run with
 * queryRows) as plain instances of the entity class, converted as MikroORM would hydrate them but
 * without its identity map and unit of work: for reads only.
 */
export function toEntities<T extends object>(em: EntityManager, entity: Constructor<T>, rows: Record<string, unknown>[]): T[] {
  return instancesOf(shapeOf(em, entity), rows);
}

function instancesOf<T>({ prototype, columns }: EntityShape, rows: Record<string, unknown>[]): T[] {
  return rows.map((row) => {
    const instance = Object.create(prototype) as Record<string, unknown>;
    for (const { field, property, convert } of columns) instance[property] = convert(row[field]);
    return instance as T;
  });
}

function prepare<T extends object>(em: EntityManager, entity: Constructor<T>, where: RowFilter<T>, orderBy: RowOrder<T>): PreparedRead {
  const shape = shapeOf(em, entity);
  const key = `${shape.schema}.${shape.meta.className}|${Object.entries(where).map(([p, v]) => `${p}${Array.isArray(v) ? '[]' : ''}`)}|${JSON.stringify(orderBy)}`;
  const cached = prepared.get(key);
  if (cached) return cached;
  const column = (property: string) => {
    const found = shape.columns.find((candidate) => candidate.property === property);
    if (!found) throw new Error(`${shape.meta.className} has no column for ${property}`);
    return `"${found.field}"`;
  };
  const parameters = Object.keys(where);
  const conditions = parameters.map((property, i) =>
    Array.isArray(where[property as keyof T]) ? `${column(property)} = any($${i + 1})` : `${column(property)} = $${i + 1}`,
  );
  const order = Object.entries(orderBy).map(([property, direction]) => `${column(property)} ${direction}`);
  const text =
    `select ${shape.columns.map(({ field }) => `"${field}"`).join(', ')} from "${shape.schema}"."${shape.table}"` +
    (conditions.length ? ` where ${conditions.join(' and ')}` : '') +
    (order.length ? ` order by ${order.join(', ')}` : '');
  const read: PreparedRead = { name: `pq_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text, parameters, shape };
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
 * were about a third of a subgraph's CPU per request (bench/HISTORY.md). Concurrent
 * requests' reads of the same statement with the same single values are merged (coalescedRead):
 * their key lists are joined, and each caller gets the rows its own filter selects, as instances
 * of its own: no object is shared between requests, whatever a resolver does with it.
 */
export async function findRows<T extends object>(em: EntityManager, entity: Constructor<T>, where: RowFilter<T>, orderBy: RowOrder<T> = {}): Promise<T[]> {
  if (Object.values(where).some((value) => Array.isArray(value) && value.length === 0)) return [];
  const read = prepare(em, entity, where, orderBy);
  const singles = read.parameters.filter((p) => !Array.isArray(where[p as keyof T])).map((p) => where[p as keyof T]);
  return coalescedRead(em, `${read.name}|${JSON.stringify(singles)}`, where, (em, filters) => readMerged<T>(em, read, filters));
}

/** How a key compares, as a filter gives it and as a row's converted column holds it. */
const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

async function readMerged<T>(em: EntityManager, read: PreparedRead, filters: RowFilter<T>[]): Promise<T[][]> {
  const run = (where: RowFilter<T>) => queryRows(em, { name: read.name, text: read.text, values: read.parameters.map((p) => where[p as keyof T]) });
  if (filters.length === 1) return [instancesOf<T>(read.shape, await run(filters[0]))];
  const lists = read.parameters.filter((p) => Array.isArray(filters[0][p as keyof T]));
  const listOf = (where: RowFilter<T>, property: string) => where[property as keyof T] as readonly unknown[];
  const merged = { ...filters[0] };
  for (const property of lists) merged[property as keyof T] = [...new Set(filters.flatMap((where) => listOf(where, property)))] as never;
  const rows = await run(merged);
  // Only single values, the same for all: every caller reads every row.
  if (!lists.length) return filters.map(() => instancesOf<T>(read.shape, rows));
  const keyColumns = lists.map((property) => read.shape.columns.find((column) => column.property === property)!);
  const rowKeys = rows.map((row) => keyColumns.map(({ field, convert }) => comparable(convert(row[field]))));
  // The rows of each key of the first list, so that a filter visits its own rows, not all of them (20 merged pages of 100 persons read 2,000 rows).
  const rowsByKey = new Map<string, number[]>();
  rowKeys.forEach((keys, i) => {
    const indices = rowsByKey.get(keys[0]);
    if (indices) indices.push(i);
    else rowsByKey.set(keys[0], [i]);
  });
  return filters.map((where) => {
    const wanted = lists.map((property) => new Set(listOf(where, property).map(comparable)));
    const candidates = [...wanted[0]].flatMap((key) => rowsByKey.get(key) ?? []).sort((a, b) => a - b);
    return instancesOf<T>(
      read.shape,
      candidates.filter((i) => wanted.every((keys, k) => keys.has(rowKeys[i][k]))).map((i) => rows[i]),
    );
  });
}
