import { gatherInTurn, Gathering } from '@pq/batching';
import type { EntityManager } from './db';

/** The reads being gathered, per database (a process may reach several: tests do) and shape. */
const pendingReads = new WeakMap<object, Gathering<unknown, unknown>>();

/**
 * One read of one request (a per-request DataLoader's batch), merged with the reads of the same
 * shape that other requests make in the same turn of the event loop: they are sent as one
 * statement, and each caller gets its share. Under load a subgraph serves dozens of requests per
 * turn, and a statement's fixed cost (a pooled connection, the protocol round trip, PostgreSQL's
 * executor start) was most of the database's work for the small reads of the hot paths: merged,
 * the eligibility check took about 60 % less PostgreSQL CPU and a quarter less of registry's
 * (bench/HISTORY.md). The per-request DataLoaders stay as they are, so a request still costs one
 * statement per entity type at most; across requests it costs less.
 *
 * `readMany` gets the keys of every merged call (usually one) and answers each call in order; if
 * a merged read fails, each call is read again alone, so one request's bad key (a malformed id)
 * never fails another request. Reads inside a transaction are never merged: they must see the
 * transaction's own writes and locks. Nothing is cached: the statement is sent after every caller
 * asked, so it sees whatever each had committed.
 *
 * This is not a module-level loader, which requests must never share: it caches nothing, knows no
 * caller (each request's own loaders judge visibility on the rows they get back), and lives for
 * one turn. The statement runs on the pool through the first caller's entity manager, which
 * outside a transaction is the same pool every request's fork reads from.
 */
export function coalescedRead<K, R>(em: EntityManager, shape: string, keys: K, readMany: (em: EntityManager, calls: K[]) => Promise<R[]>): Promise<R> {
  if (em.getTransactionContext()) return readMany(em, [keys]).then(([result]) => result);
  const connection = em.getConnection();
  const reads = (pendingReads.get(connection) ?? new Map()) as Gathering<K, R>;
  pendingReads.set(connection, reads as Gathering<unknown, unknown>);
  return gatherInTurn(reads, shape, keys, async (calls) => {
    if (calls.length === 1) return readMany(em, calls);
    try {
      return await readMany(em, calls);
    } catch {
      return Promise.all(
        calls.map((call) =>
          readMany(em, [call]).then(
            ([result]) => result,
            (error: Error) => error,
          ),
        ),
      );
    }
  });
}

/**
 * A DataLoader batch (`keys`, one request's) merged with the batches of the same read that other
 * requests send in the same turn (coalescedRead): `readMany` gets every call's keys, each once by
 * `keyOf`, and answers them in order; each call gets the answers to its own keys. Answers shared
 * by two requests are the same values, so `readMany` answers what no request changes (rows,
 * counts): a caller makes its own instances of them.
 *
 * `statements`: for a read whose every key is heavy (a page of 100 persons), the merged keys go in
 * up to this many statements sent at once, each on a pooled connection of its own: PostgreSQL then
 * reads them on every core while the subgraph waits, where one statement kept one core busy and
 * the rest of the stack idle (personnel pages of 100: about 7 % more pages a second with 4). A
 * request alone always reads in one statement.
 */
export function coalescedKeys<K, R>(
  em: EntityManager,
  shape: string,
  keys: readonly K[],
  keyOf: (key: K) => string,
  readMany: (em: EntityManager, keys: K[]) => Promise<R[]>,
  { statements = 1 }: { statements?: number } = {},
): Promise<R[]> {
  return coalescedRead(em, shape, keys, async (em, calls) => {
    if (calls.length === 1) return [await readMany(em, [...calls[0]])];
    const unique = new Map<string, K>();
    for (const call of calls) for (const key of call) unique.set(keyOf(key), key);
    const all = [...unique.values()];
    const size = Math.ceil(all.length / statements);
    const parts = Array.from({ length: Math.ceil(all.length / size) }, (_, i) => all.slice(i * size, (i + 1) * size));
    const answers = (await Promise.all(parts.map((part) => readMany(em, part)))).flat();
    const byKey = new Map([...unique.keys()].map((key, i) => [key, answers[i]]));
    return calls.map((call) => call.map((key) => byKey.get(keyOf(key))!));
  });
}
