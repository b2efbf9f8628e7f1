import DataLoader from 'dataloader';

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
