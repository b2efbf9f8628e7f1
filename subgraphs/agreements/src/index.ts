import { runSubgraphFromEnvironment, SubgraphDefinition } from '@pq/kit';
import { Agreement } from './entities/agreement';
import { Institution } from './entities/institution';
import { eventHandlers, outbox } from './events/outbox';
import { createLoaders, Loaders } from './loaders';
import { migrations } from './migrations';
import { buildSchema } from './schema';

export const agreementsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'agreements',
  entities: [Institution, Agreement],
  migrations,
  buildSchema,
  createLoaders,
  outbox,
  eventHandlers,
};

if (require.main === module) runSubgraphFromEnvironment(agreementsSubgraph);
