/**
 * The domain events that cross subgraph boundaries: the only way one subgraph learns another's
 * facts besides federation references. Each producer declares the payloads it publishes
 * (`src/events/payloads.ts`) and each consumer the shape it reads (`src/events/consumed.ts`);
 * scripts/src/event-contracts.ts holds them together at compile time. Payloads are the contract:
 * add fields, never repurpose.
 */

/** Event types of one producer or consumer, each with its payload. */
export type EventMap = object;
export type EventType<M extends EventMap> = keyof M & string;

/** Who consumes each event a producer publishes: one pending delivery per subscriber, written with the event. */
export type Subscribers<M extends EventMap, Name extends string = string> = { [T in EventType<M>]: readonly Name[] };

/** An event as delivered. */
export interface DomainEvent<M extends EventMap = Record<string, unknown>, T extends EventType<M> = EventType<M>> {
  id: string;
  seq: number;
  /** The producing subgraph. */
  source: string;
  type: T;
  /** Aggregate key (person or institution code): events of one key are applied in order. */
  key: string;
  payload: M[T];
  occurredAt: string;
}

/** One event to publish: its type, the aggregate it concerns (ordering key) and its payload. */
export type OutgoingEvent<M extends EventMap> = { [T in EventType<M>]: { type: T; key: string; payload: M[T] } }[EventType<M>];
