import '@pq/http/tracing';
import { runSubgraphFromEnvironment, SubgraphDefinition } from '@pq/subgraph';
import { recomputeDecisionDeadlines } from './commands/recompute-deadlines';
import { Appeal } from './entities/appeal';
import { AppealStep } from './entities/appeal-step';
import { InstitutionView } from './entities/institution-view';
import { ScoreRecordView } from './entities/score-record-view';
import { eventHandlers } from './events/consumers';
import { outbox } from './events/publish';
import { createLoaders, Loaders } from './loaders';
import { migrations } from './migrations';
import { buildSchema } from './schema';
import { exportStreams } from './streams/export';

export const appealsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'appeals',
  entities: [Appeal, AppealStep, ScoreRecordView, InstitutionView],
  migrations,
  buildSchema,
  createLoaders,
  outbox,
  eventHandlers,
  recomputeDeadlines: recomputeDecisionDeadlines,
  streams: exportStreams,
};

/** The events it publishes and the shapes it reads of others' (checked by scripts/src/event-contracts.ts). */
export type { AppealsReads } from './events/consumed';
export type { AppealsEvents } from './events/payloads';

if (require.main === module) runSubgraphFromEnvironment(appealsSubgraph);
