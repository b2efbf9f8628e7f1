import type { EntityManager } from './db';
import { queryRows } from './rows';

/**
 * Serialises transactions that touch the same aggregates (persons, institutions) until commit.
 * Keys are locked in sorted order in one statement, so two transactions locking overlapping
 * sets never deadlock. This is what keeps concurrent scorings of one person from double-counting.
 */
export async function lockAggregates(em: EntityManager, kind: string, keys: Iterable<string>): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  await queryRows(em, {
    name: 'pq_lock_aggregates',
    text: 'select pg_advisory_xact_lock(hashtext(k)) from unnest($1::text[]) as k order by k',
    values: [sorted.map((key) => `${kind}:${key}`)],
  });
}
