import '@pq/kit/dist/tracing';
import { runSubgraphFromEnvironment, SubgraphDefinition } from '@pq/kit';
import { AgreementStatusInterval } from './entities/agreement-status-interval';
import { InstitutionView } from './entities/institution-view';
import { Person } from './entities/person';
import { Registration } from './entities/registration';
import { StatusInterval } from './entities/status-interval';
import { eventHandlers, outbox } from './events/outbox';
import { createLoaders, Loaders } from './loaders';
import { migrations } from './migrations';
import { buildSchema } from './schema';

export const registrySubgraph: SubgraphDefinition<Loaders> = {
  name: 'registry',
  entities: [Person, Registration, StatusInterval, InstitutionView, AgreementStatusInterval],
  migrations,
  buildSchema,
  createLoaders,
  outbox,
  eventHandlers,
};

if (require.main === module) runSubgraphFromEnvironment(registrySubgraph);
