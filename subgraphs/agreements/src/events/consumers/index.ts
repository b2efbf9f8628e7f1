import type { EventHandlers } from '@pq/kit';

/** Agreements consumes no events: it is the source of institution facts. */
export const eventHandlers: EventHandlers = {};
