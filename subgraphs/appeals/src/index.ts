import '@pq/kit/dist/tracing';
import { runSubgraphFromEnvironment, SubgraphDefinition } from '@pq/kit';
import { recomputeDecisionDeadlines } from './commands/recompute-deadlines';
import { Appeal } from './entities/appeal';
import { AppealStep } from './entities/appeal-step';
import { InstitutionView, ScoreRecordView } from './entities/score-record-view';
import { eventHandlers, outbox } from './events/outbox';
import { createLoaders, Loaders } from './loaders';
import { migrations } from './migrations';
import { buildSchema } from './schema';

export const appealsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'appeals',
  entities: [Appeal, AppealStep, ScoreRecordView, InstitutionView],
  migrations,
  buildSchema,
  createLoaders,
  outbox,
  eventHandlers,
  recomputeDeadlines: recomputeDecisionDeadlines,
};

if (require.main === module) runSubgraphFromEnvironment(appealsSubgraph);
