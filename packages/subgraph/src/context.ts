import { randomUUID } from 'node:crypto';
import type { Caller } from '@pq/caller';
import { AuditTrail, EntityManager } from '@pq/data';
import type { Clock, WorkingDayCalendar } from '@pq/time';

/**
 * Everything one request may use, built in one place (startSubgraph): its own entity manager
 * fork, its own DataLoaders (so batching and caching never leak between callers), the caller.
 */
export interface RequestContext<Loaders = unknown> {
  requestId: string;
  caller: Caller;
  em: EntityManager;
  loaders: Loaders;
  clock: Clock;
  calendar: WorkingDayCalendar;
  /** Reads to audit (full ID numbers), written when the request ends. */
  audit: AuditTrail;
}

export interface ContextServices {
  clock: Clock;
  calendar: WorkingDayCalendar;
}

export function createRequestContext<Loaders>(
  schema: string,
  rootEm: EntityManager,
  caller: Caller,
  services: ContextServices,
  createLoaders: (em: EntityManager, caller: Caller) => Loaders,
  requestId: string = randomUUID(),
): RequestContext<Loaders> {
  const em = rootEm.fork();
  return { requestId, caller, em, loaders: createLoaders(em, caller), audit: new AuditTrail(schema, caller, requestId), ...services };
}
