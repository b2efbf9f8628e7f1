import { notifyChannel } from './outbox';

/** Runs one statement ($1… parameters) and gives its rows: a pg Client or Pool, or an entity manager through queryRows. */
export type Sql = <R = Record<string, unknown>>(text: string, values: unknown[]) => Promise<R[]>;

export interface DeadLetter {
  /** The producing subgraph, whose schema holds it. */
  source: string;
  subscriber: string;
  eventId: string;
  type: string;
  key: string;
  attempts: number;
  reason: string;
  deadAt: Date;
  payload: unknown;
}

/** A producer's dead letters, oldest first. */
export async function listDeadLetters(sql: Sql, source: string): Promise<DeadLetter[]> {
  const rows = await sql<{
    subscriber: string;
    id: string;
    type: string;
    aggregate_key: string;
    attempts: number;
    reason: string;
    dead_at: Date;
    payload: unknown;
  }>(
    `select d.subscriber, e.id, e.type, e.aggregate_key, d.attempts, d.reason, d.dead_at, e.payload
       from "${source}".outbox_dead_letter d join "${source}".outbox_event e on e.seq = d.seq order by d.seq, d.subscriber`,
    [],
  );
  return rows.map((r) => ({
    source,
    subscriber: r.subscriber,
    eventId: r.id,
    type: r.type,
    key: r.aggregate_key,
    attempts: Number(r.attempts),
    reason: r.reason,
    deadAt: new Date(r.dead_at),
    payload: r.payload,
  }));
}

/** Dead letters per subscriber, for /ready and /metrics. */
export async function countDeadLetters(sql: Sql, source: string): Promise<Record<string, number>> {
  const rows = await sql<{ subscriber: string; n: number }>(
    `select subscriber, count(*)::int as n from "${source}".outbox_dead_letter group by subscriber`,
    [],
  );
  return Object.fromEntries(rows.map((r) => [r.subscriber, r.n]));
}

/**
 * Puts an event's dead letters (one per subscriber that refused it, or the one of `subscriber`)
 * back in the queue with fresh attempts, ahead of the events of its key that waited behind it,
 * and wakes the relays. The subscriber applies it once: it records every event id it applied.
 */
export async function replayDeadLetter(sql: Sql, source: string, eventId: string, subscriber?: string): Promise<string[]> {
  const rows = await sql<{ subscriber: string }>(
    `with letter as (
       delete from "${source}".outbox_dead_letter d using "${source}".outbox_event e
        where e.seq = d.seq and e.id = $1 and ($2::text is null or d.subscriber = $2) returning d.subscriber, d.seq),
     queued as (insert into "${source}".outbox_pending (subscriber, seq) select subscriber, seq from letter on conflict do nothing)
     select subscriber, pg_notify($3, 'replay') from letter`,
    [eventId, subscriber ?? null, notifyChannel(source)],
  );
  return rows.map((r) => r.subscriber);
}

/** Drops an event's dead letters: its subscribers never get it, and the events of its key that waited behind it go on. */
export async function discardDeadLetter(sql: Sql, source: string, eventId: string, subscriber?: string): Promise<string[]> {
  const rows = await sql<{ subscriber: string }>(
    `with letter as (
       delete from "${source}".outbox_dead_letter d using "${source}".outbox_event e
        where e.seq = d.seq and e.id = $1 and ($2::text is null or d.subscriber = $2) returning d.subscriber)
     select subscriber, pg_notify($3, 'discard') from letter`,
    [eventId, subscriber ?? null, notifyChannel(source)],
  );
  return rows.map((r) => r.subscriber);
}
