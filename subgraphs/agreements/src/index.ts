import '@pq/http/tracing';
import { runSubgraphFromEnvironment, SubgraphDefinition } from '@pq/subgraph';
import { terminateOverdueSuspensions } from './commands/agreement-measures';
import { recomputeAgreementDeadlines } from './commands/recompute-deadlines';
import { ENTITIES } from './entities';
import { eventHandlers } from './events/consumers';
import { outbox } from './events/publish';
import { createLoaders, Loaders } from './loaders';
import { migrations } from './migrations';
import { buildSchema } from './schema';

export const agreementsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'agreements',
  entities: ENTITIES,
  migrations,
  buildSchema,
  createLoaders,
  outbox,
  eventHandlers,
  recomputeDeadlines: recomputeAgreementDeadlines,
  // G12 acts by itself: hourly, agreements suspended over 180 days are terminated.
  scheduled: { name: 'overdue-suspensions', everyMs: 60 * 60 * 1000, run: terminateOverdueSuspensions },
};

/** The events it publishes and the shapes it reads of others' (checked by scripts/src/event-contracts.ts). */
export type { AgreementsReads } from './events/consumed';
export type { AgreementsEvents } from './events/payloads';

if (require.main === module) runSubgraphFromEnvironment(agreementsSubgraph);
