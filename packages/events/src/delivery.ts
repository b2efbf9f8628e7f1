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
 * The whole delivery is one transaction, each event in a savepoint of its own: a refused event
 * rolls back only itself, and the delivery waits for one durable commit instead of one per event
 * (a commit waits for the disk: docs/operations.md, Durable writes). Nothing is acknowledged
 * before that commit.
 */
export async function applyDeliveredEvents<M extends EventMap>(
  orm: MikroORM,
  schema: string,
  handlers: EventHandlers<M>,
  events: DomainEvent[],
  clock: Clock,
): Promise<DeliveryResult> {
  const applied: string[] = [];
  const refused: { id: string; error: string }[] = [];
  const heldKeys = new Set<string>();
  let unavailable: string | undefined;
  try {
    await orm.em.fork().transactional(async (delivery) => {
      for (const event of events) {
        if (heldKeys.has(event.key)) continue;
        try {
          // Each event starts from an empty identity map, as if it were alone.
          await delivery.transactional((em) => applyEvent(em as EntityManager, schema, handlers, event, clock), { clear: true });
          applied.push(event.id);
        } catch (error) {
          const reason = `${event.type} ${event.id}: ${(error as Error).message}`;
          // The events applied so far still commit; the rest waits for the next delivery.
          if (isTransientFailure(error)) {
            unavailable = reason;
            return;
          }
          refused.push({ id: event.id, error: reason });
          heldKeys.add(event.key);
        }
      }
    });
  } catch (error) {
    if (!isTransientFailure(error)) throw error;
    // The commit failed: nothing of this delivery was applied, and no event is to blame.
    return { acknowledged: [], refused: [], unavailable: `commit of ${events.length} events: ${(error as Error).message}` };
  }
  return unavailable === undefined ? { acknowledged: applied, refused } : { acknowledged: applied, refused, unavailable };
}

async function applyEvent<M extends EventMap>(em: EntityManager, schema: string, handlers: EventHandlers<M>, event: DomainEvent, clock: Clock): Promise<void> {
  const fresh = await queryRows(em, {
    text: `insert into "${schema}".processed_event (id, source, type) values ($1, $2, $3) on conflict do nothing returning id`,
    values: [event.id, event.source, event.type],
  });
  const handler = (handlers as Record<string, ((payload: unknown, context: EventContext) => Promise<void>) | undefined>)[event.type];
  if (fresh.length > 0 && handler) await handler(event.payload, { em, event, clock });
}
