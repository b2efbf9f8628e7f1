import DataLoader from 'dataloader';
import { Caller, outOfScope, seesEverything } from '@pq/caller';

/** Rows returned by one `IN (…)` query, put back in the order of the keys DataLoader asked for. */
export function orderByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Rows returned by one `IN (…)` query, grouped per key in the order of the keys (row order kept within a group). */
export function groupByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const key of keys) groups.set(key, []);
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/** A per-request loader of one entity by its key: one query for all keys of a request tick. */
export function entityLoader<K, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => orderByKeys(keys, await fetch([...keys]), keyOf));
}

/** A per-request loader of a list per key (a one-to-many field): one query for all keys of a request tick. */
export function listLoader<K, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => groupByKeys(keys, await fetch([...keys]), keyOf));
}

export interface ScopedEntityLoaderOptions<K, V, R> {
  /** What a row is, for the FORBIDDEN message ("person", "appeal"). */
  what: string;
  fetch: (keys: K[]) => Promise<V[]>;
  keyOf: (row: V) => K;
  /** What judging the rows needs beyond the rows themselves (where a person works), read once per batch. */
  reach?: (rows: V[]) => Promise<R>;
  visible: (row: V, reach: R) => boolean;
}

/**
 * A per-request loader of one entity by its key that applies row scope: a row outside the
 * caller's scope comes back as a FORBIDDEN error for its key, a missing one as null. For a caller
 * who sees everything the scope is not read at all.
 */
export function scopedEntityLoader<K, V, R = undefined>(caller: Caller, options: ScopedEntityLoaderOptions<K, V, R>): DataLoader<K, V | null> {
  const everything = seesEverything(caller);
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await options.fetch([...keys]);
    if (everything) return orderByKeys(keys, rows, options.keyOf);
    const reach = (options.reach ? await options.reach(rows) : undefined) as R;
    return orderByKeys(keys, rows, options.keyOf).map((row, i) =>
      row === null || options.visible(row, reach) ? row : outOfScope(options.what, String(keys[i])),
    );
  });
}
