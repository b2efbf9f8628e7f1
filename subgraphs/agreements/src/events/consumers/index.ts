import type { EventHandlers } from '@pq/events';
import type { AgreementsReads } from '../consumed';

/** Agreements consumes no events: it is the source of institution facts. */
export const eventHandlers: EventHandlers<AgreementsReads> = {};
