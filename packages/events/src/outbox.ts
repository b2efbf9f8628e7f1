import { randomUUID } from 'node:crypto';
import { EntityManager, queryRows } from '@pq/data';
import type { EventMap, EventType, OutgoingEvent, Subscribers } from './events';

/** The channel a producer's relay listens on: notified at commit when events were written. */
export const notifyChannel = (schema: string) => `pq_outbox_${schema}`;

/** A notification naming the subscribers that have new events (the relay drains them without looking first). */
const SUBSCRIBERS_PREFIX = 'to:';
export const subscribersNotice = (subscribers: Iterable<string>) => `${SUBSCRIBERS_PREFIX}${[...subscribers].join(',')}`;
/** The subscribers a notification names, or undefined for one that names none (a replay, a discard): look at the queue. */
export const subscribersNoticed = (payload: string | undefined) =>
  payload?.startsWith(SUBSCRIBERS_PREFIX) ? payload.slice(SUBSCRIBERS_PREFIX.length).split(',').filter(Boolean) : undefined;

/** Writes events in the caller's transaction, so an event exists if and only if its change was committed. */
export class Outbox<M extends EventMap> {
  constructor(
    /** The producing subgraph, whose schema holds the outbox. */
    readonly source: string,
    readonly subscribers: Subscribers<M>,
  ) {}

  /** Returns the event's id. */
  async publish<T extends EventType<M>>(em: EntityManager, type: T, key: string, payload: M[T]): Promise<string> {
    const [id] = await this.publishAll(em, [{ type, key, payload } as OutgoingEvent<M>]);
    return id;
  }

  /**
   * All events of a change in one statement however many there are (a batch of 1,000
   * registrations is 1,000 events): the events and their subscribers' queue rows, in the order
   * given, and the relay's notification. Returns the events' ids in that order: the producer may
   * record them with the change (registry's change feed).
   */
  async publishAll(em: EntityManager, events: OutgoingEvent<M>[]): Promise<string[]> {
    if (events.length === 0) return [];
    const s = this.source;
    const ids = events.map(() => randomUUID());
    const types = [...new Set(events.map((e) => e.type))];
    // The notification is delivered by PostgreSQL at commit and dropped with a rollback: the relay
    // wakes only for committed events.
    await queryRows(em, {
      text: `with event as (
               insert into "${s}".outbox_event (id, type, aggregate_key, payload)
               select e.id, e.type, e.aggregate_key, e.payload
                 from unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) with ordinality as e(id, type, aggregate_key, payload, n) order by e.n
               returning seq, type),
             pending as (
               insert into "${s}".outbox_pending (subscriber, seq)
               select subscriber, event.seq from event cross join lateral jsonb_array_elements_text($5::jsonb -> event.type) as subscriber)
             select pg_notify($6, $7)`,
      values: [
        ids,
        events.map((e) => e.type),
        events.map((e) => e.key),
        events.map((e) => JSON.stringify(e.payload)),
        JSON.stringify(Object.fromEntries(types.map((type) => [type, this.subscribers[type]]))),
        notifyChannel(s),
        subscribersNotice(new Set(types.flatMap((type) => this.subscribers[type] as readonly string[]))),
      ],
    });
    return ids;
  }
}
