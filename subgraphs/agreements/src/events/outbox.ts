import { EventHandlers, Outbox } from '@pq/kit';

export const outbox = new Outbox('agreements');

/** The agreements subgraph consumes no events yet: it is the source of institution facts. */
export const eventHandlers: EventHandlers = {};
