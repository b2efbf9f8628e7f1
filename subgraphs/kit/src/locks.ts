import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Serialises transactions that touch the same aggregates (persons, institutions) until commit.
 * Keys are locked in sorted order in one statement, so two transactions locking overlapping
 * sets never deadlock. This is what keeps concurrent scorings of one person from double-counting.
 */
export async function lockAggregates(em: EntityManager, kind: string, keys: Iterable<string>): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  await em.execute(`select pg_advisory_xact_lock(hashtext(k)) from unnest(?::text[]) as k order by k`, [`{${sorted.map((k) => `"${kind}:${k}"`).join(',')}}`]);
}
