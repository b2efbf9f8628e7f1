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
  error?: string;
}

/**
 * Applies delivered events in order, each exactly once: the processed-event row (in the
 * consumer's `schema`) and the event's effects commit together, so a redelivery finds the row and
 * changes nothing. Stops at the first failure so that later events of the same key are never
 * applied before it.
 */
export async function applyDeliveredEvents<M extends EventMap>(orm: MikroORM, schema: string, handlers: EventHandlers<M>, events: DomainEvent[], clock: Clock): Promise<DeliveryResult> {
  const acknowledged: string[] = [];
  for (const event of events) {
    try {
      await orm.em.fork().transactional(async (em) => {
        const fresh = await em.execute(`insert into "${schema}".processed_event (id, source, type) values (?, ?, ?) on conflict do nothing returning id`, [event.id, event.source, event.type]);
        const handler = (handlers as Record<string, ((payload: unknown, context: EventContext) => Promise<void>) | undefined>)[event.type];
        if (fresh.length > 0 && handler) await handler(event.payload, { em: em as EntityManager, event, clock });
      });
      acknowledged.push(event.id);
    } catch (error) {
      return { acknowledged, error: `${event.type} ${event.id}: ${(error as Error).message}` };
    }
  }
  return { acknowledged };
}
