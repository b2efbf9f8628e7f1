import { queryRows } from '@pq/data';
import type { EntityManager, MikroORM } from '@pq/data';
import type { Clock } from '@pq/time';
import type { DomainEvent, EventMap, EventType } from './events';

export interface EventContext {
  em: EntityManager;
  event: DomainEvent;
  /** The service's clock: a consumer that derives a status derives it as of today. */
  clock: Clock;
}

/**
 * What a consumer does around the events of one delivery, in its transaction: `begin` before the
 * first, `end` after the last when every event was applied (writes deferred to the end, such as
 * registry's change feed, whose lock must come after every other lock of the transaction).
 */
export interface DeliveryHooks {
  begin(em: EntityManager): void;
  end(em: EntityManager): Promise<void>;
}

/** A consumer's handlers, one per event it applies, each reading the payload as the consumer declared it. */
export type EventHandlers<M extends EventMap = Record<string, unknown>> = { [T in EventType<M>]?: (payload: M[T], context: EventContext) => Promise<void> };

export interface DeliveryResult {
  acknowledged: string[];
  /** Events the consumer refused, with the reason; the later events of their keys in the delivery were held back. */
  refused?: { id: string; error: string }[];
  /** The consumer could not work (its database unreachable, a deadlock): the rest of the delivery was not tried and no event is to blame. */
  unavailable?: string;
}

/**
 * Failures that say nothing about the event: the consumer's database unreachable, restarting or
 * out of connections, a deadlock or serialization failure. PostgreSQL's SQLSTATE classes 08, 40,
 * 53 and 57, a lock not available, and the driver's own socket and pool errors.
 */
export function isTransientFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (/^(08|40|53|57)/.test(code) || code === '55P03' || /^E[A-Z]+$/.test(code))) return true;
  return /Timeout acquiring a connection|Connection terminated|connection (is )?closed/i.test((error as Error).message ?? '');
}

/**
 * Applies delivered events in order, each exactly once: the processed-event row (in the
 * consumer's `schema`) and the event's effects commit together, so a redelivery finds the row and
 * changes nothing. An event the consumer refuses holds back the later events of its key (person
 * or institution), never those of other keys: one bad event delays only its own aggregate.
 *
 * The whole delivery is one transaction, which waits for one durable commit instead of one per
 * event (docs/operations.md, Durable writes); nothing is acknowledged before that commit. One
 * statement records every event as processed, and no event needs a savepoint: when one is
 * refused, the transaction is rolled back and the delivery applied again without it and the
 * later events of its key, so a refused event changes nothing and costs the others one more try.
 */
export async function applyDeliveredEvents<M extends EventMap>(
  orm: MikroORM,
  schema: string,
  handlers: EventHandlers<M>,
  events: DomainEvent[],
  clock: Clock,
  hooks?: DeliveryHooks,
): Promise<DeliveryResult> {
  const refused: { id: string; error: string }[] = [];
  const heldKeys = new Set<string>();
  for (;;) {
    const applying = events.filter((event) => !heldKeys.has(event.key));
    if (applying.length === 0) return { acknowledged: [], refused };
    let failure: { event: DomainEvent; error: unknown } | undefined;
    try {
      await orm.em.fork().transactional(async (em) => {
        hooks?.begin(em as EntityManager);
        failure = await applyAll(em as EntityManager, schema, handlers, applying, clock);
        if (failure) throw failure.error;
        await hooks?.end(em as EntityManager);
      });
    } catch (error) {
      // The commit failed (or the database did under an event): nothing of this delivery was applied, and no event is to blame.
      if (isTransientFailure(error))
        return { acknowledged: [], refused, unavailable: `${failure ? describe(failure.event) : `${applying.length} events`}: ${(error as Error).message}` };
      if (!failure) throw error;
      refused.push({ id: failure.event.id, error: `${describe(failure.event)}: ${(error as Error).message}` });
      heldKeys.add(failure.event.key);
      continue;
    }
    return { acknowledged: applying.map((event) => event.id), refused };
  }
}

const describe = (event: DomainEvent) => `${event.type} ${event.id}`;

/**
 * Every event in the caller's transaction, in order, each from an empty identity map as if it
 * were alone; stops at the first event whose handler fails and returns it.
 */
async function applyAll<M extends EventMap>(
  em: EntityManager,
  schema: string,
  handlers: EventHandlers<M>,
  events: DomainEvent[],
  clock: Clock,
): Promise<{ event: DomainEvent; error: unknown } | undefined> {
  const fresh = new Set(
    (
      await queryRows<{ id: string }>(em, {
        text: `insert into "${schema}".processed_event (id, source, type) select * from unnest($1::uuid[], $2::text[], $3::text[]) on conflict do nothing returning id`,
        values: [events.map((e) => e.id), events.map((e) => e.source), events.map((e) => e.type)],
      })
    ).map((row) => row.id),
  );
  for (const event of events) {
    const handler = (handlers as Record<string, ((payload: unknown, context: EventContext) => Promise<void>) | undefined>)[event.type];
    if (!fresh.has(event.id) || !handler) continue;
    try {
      em.clear();
      await handler(event.payload, { em, event, clock });
      await em.flush();
    } catch (error) {
      return { event, error };
    }
  }
  return undefined;
}
