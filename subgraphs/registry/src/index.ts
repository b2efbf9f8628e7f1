import '@pq/http/tracing';
import { runSubgraphFromEnvironment, SubgraphDefinition } from '@pq/subgraph';
import { AgreementMeasureView } from './entities/agreement-measure-view';
import { AgreementStatusInterval } from './entities/agreement-status-interval';
import { ChangeEntry } from './entities/change-entry';
import { InstitutionView } from './entities/institution-view';
import { Person } from './entities/person';
import { Registration } from './entities/registration';
import { SanctionView } from './entities/sanction-view';
import { StatusInterval } from './entities/status-interval';
import { rederiveDuePersons } from './commands/derive-status';
import { changeFeedAtDeliveryEnd } from './commands/change-feed';
import { eventHandlers } from './events/consumers';
import { outbox } from './events/publish';
import { createLoaders, Loaders } from './loaders';
import { migrations } from './migrations';
import { buildSchema } from './schema';
import { claimsAuditStream } from './streams/claims-audit';
import { exportStreams } from './streams/export';

export const registrySubgraph: SubgraphDefinition<Loaders> = {
  name: 'registry',
  entities: [Person, Registration, StatusInterval, InstitutionView, AgreementStatusInterval, SanctionView, AgreementMeasureView, ChangeEntry],
  migrations,
  buildSchema,
  createLoaders,
  outbox,
  eventHandlers,
  deliveryHooks: changeFeedAtDeliveryEnd,
  scheduled: { name: 'statuses-taking-effect', everyMs: 60 * 60 * 1000, run: rederiveDuePersons },
  streams: [claimsAuditStream, ...exportStreams],
};

/** The events it publishes and the shapes it reads of others' (checked by scripts/src/event-contracts.ts). */
export type { RegistryReads } from './events/consumed';
export type { RegistryEvents } from './events/payloads';

if (require.main === module) runSubgraphFromEnvironment(registrySubgraph);
