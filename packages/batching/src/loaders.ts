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

/**
 * A per-request DataLoader that also answers many keys with one promise (`loadAll`): `_entities`
 * asks for a page's 100 persons at once, and each `load` is a promise of its own (two with
 * `loadMany`), each paying Node's async hooks. Both share one cache: what `loadAll` settled is kept
 * as values, and a promise is made for a key only when `load` asks for it.
 */
export class BatchLoader<K, V> extends DataLoader<K, V> {
  private readonly settled: Map<K, V | Error>;
  private readonly promises: Map<K, Promise<V>>;

  constructor(private readonly batch: (keys: K[]) => Promise<(V | Error)[]>) {
    const settled = new Map<K, V | Error>();
    const promises = new Map<K, Promise<V>>();
    super((keys) => batch([...keys]), {
      cacheMap: {
        get: (key) => promises.get(key) ?? (settled.has(key) ? remember(promises, key, settled.get(key)!) : undefined),
        set: (key, promise) => promises.set(key, promise),
        delete: (key) => (promises.delete(key), settled.delete(key)),
        clear: () => (promises.clear(), settled.clear()),
      },
    });
    this.settled = settled;
    this.promises = promises;
  }

  /**
   * The values of `keys` in order, an Error in place of a key refused: one call of the batch (one
   * statement) for the keys not yet known, shared with the other `loadAll` calls of this tick (two
   * aliases of a field, two fields of one loader). Keys already asked of `load` and still on their
   * way are awaited with `loadMany` instead; keys `load` asks while this call is on its way are read
   * again.
   */
  loadAll(keys: readonly K[]): Promise<(V | Error)[]> {
    const missing: K[] = [];
    for (const key of keys) {
      if (this.settled.has(key)) continue;
      if (this.promises.has(key)) return this.loadMany(keys);
      missing.push(key);
    }
    const answer = () => keys.map((key) => this.settled.get(key)!);
    return missing.length === 0 ? Promise.resolve(answer()) : this.gather(missing).then(answer);
  }

  /** The keys of this tick's `loadAll` calls, settled by one call of the batch once the tick's calls are made (as DataLoader schedules). */
  private gathering?: { keys: Set<K>; settled: Promise<void> };

  private gather(keys: K[]): Promise<void> {
    if (!this.gathering) {
      const gathering = { keys: new Set<K>() } as { keys: Set<K>; settled: Promise<void> };
      gathering.settled = new Promise<void>((resolve) => void Promise.resolve().then(() => process.nextTick(resolve))).then(async () => {
        this.gathering = undefined;
        const asked = [...gathering.keys];
        const values = await this.batch(asked);
        if (values.length !== asked.length) throw new TypeError(`the batch answered ${values.length} values for ${asked.length} keys`);
        asked.forEach((key, i) => this.settled.set(key, values[i]));
      });
      this.gathering = gathering;
    }
    for (const key of keys) this.gathering.keys.add(key);
    return this.gathering.settled;
  }
}

/** The promise DataLoader keeps for a key `loadAll` settled, made when first asked. */
function remember<K, V>(promises: Map<K, Promise<V>>, key: K, value: V | Error): Promise<V> {
  const promise = value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  if (value instanceof Error) promise.catch(() => undefined); // as DataLoader primes an error: handled where it is awaited
  promises.set(key, promise);
  return promise;
}

/** A per-request loader of one entity by its key: one query for all keys of a request tick. */
export function entityLoader<K, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (row: V) => K): BatchLoader<K, V | null> {
  return new BatchLoader<K, V | null>(async (keys) => orderByKeys(keys, await fetch(keys), keyOf));
}

/** A per-request loader of a list per key (a one-to-many field): one query for all keys of a request tick. */
export function listLoader<K, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (row: V) => K): BatchLoader<K, V[]> {
  return new BatchLoader<K, V[]>(async (keys) => groupByKeys(keys, await fetch(keys), keyOf));
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
export function scopedEntityLoader<K, V, R = undefined>(caller: Caller, options: ScopedEntityLoaderOptions<K, V, R>): BatchLoader<K, V | null> {
  const everything = seesEverything(caller);
  return new BatchLoader<K, V | null>(async (keys) => {
    const rows = await options.fetch(keys);
    if (everything) return orderByKeys(keys, rows, options.keyOf);
    const reach = (options.reach ? await options.reach(rows) : undefined) as R;
    return orderByKeys(keys, rows, options.keyOf).map((row, i) =>
      row === null || options.visible(row, reach) ? row : outOfScope(options.what, String(keys[i])),
    );
  });
}
