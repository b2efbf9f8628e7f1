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
 */
export async function applyDeliveredEvents<M extends EventMap>(
  orm: MikroORM,
  schema: string,
  handlers: EventHandlers<M>,
  events: DomainEvent[],
  clock: Clock,
): Promise<DeliveryResult> {
  const acknowledged: string[] = [];
  const refused: { id: string; error: string }[] = [];
  const heldKeys = new Set<string>();
  for (const event of events) {
    if (heldKeys.has(event.key)) continue;
    try {
      await orm.em.fork().transactional(async (em) => {
        const fresh = await queryRows(em as EntityManager, {
          text: `insert into "${schema}".processed_event (id, source, type) values ($1, $2, $3) on conflict do nothing returning id`,
          values: [event.id, event.source, event.type],
        });
        const handler = (handlers as Record<string, ((payload: unknown, context: EventContext) => Promise<void>) | undefined>)[event.type];
        if (fresh.length > 0 && handler) await handler(event.payload, { em: em as EntityManager, event, clock });
      });
      acknowledged.push(event.id);
    } catch (error) {
      const reason = `${event.type} ${event.id}: ${(error as Error).message}`;
      if (isTransientFailure(error)) return { acknowledged, refused, unavailable: reason };
      refused.push({ id: event.id, error: reason });
      heldKeys.add(event.key);
    }
  }
  return { acknowledged, refused };
}
