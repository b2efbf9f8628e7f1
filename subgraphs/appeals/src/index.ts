import { runSubgraphFromEnvironment, SubgraphDefinition } from '@pq/kit';
import { Appeal } from './entities/appeal';
import { ScoreRecordView } from './entities/score-record-view';
import { eventHandlers, outbox } from './events/outbox';
import { createLoaders, Loaders } from './loaders';
import { migrations } from './migrations';
import { buildSchema } from './schema';

export const appealsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'appeals',
  entities: [Appeal, ScoreRecordView],
  migrations,
  buildSchema,
  createLoaders,
  outbox,
  eventHandlers,
};

if (require.main === module) runSubgraphFromEnvironment(appealsSubgraph);
