import '@pq/http/tracing';
import { runSubgraphFromEnvironment, SubgraphDefinition } from '@pq/subgraph';
import { recomputeScoringDeadlines } from './commands/recompute-deadlines';
import { Notice } from './entities/notice';
import { RegistrationView } from './entities/registration-view';
import { InstitutionView } from './entities/institution-view';
import { PersonView } from './entities/person-view';
import { PersonYear } from './entities/person-year';
import { RepairApplication } from './entities/repair-application';
import { RestorationApplication } from './entities/restoration-application';
import { PolicyRuleSet } from './entities/rule-set';
import { Sanction } from './entities/sanction';
import { ScoreRecord } from './entities/score-record';
import { ViolationItem } from './entities/violation-item';
import { eventHandlers } from './events/consumers';
import { outbox } from './events/publish';
import { createLoaders, Loaders } from './loaders';
import { migrations } from './migrations';
import { buildSchema } from './schema';
import { exportStreams } from './streams/export';

export const scoringSubgraph: SubgraphDefinition<Loaders> = {
  name: 'scoring',
  entities: [
    PolicyRuleSet,
    ViolationItem,
    ScoreRecord,
    Sanction,
    Notice,
    PersonYear,
    PersonView,
    InstitutionView,
    RegistrationView,
    RestorationApplication,
    RepairApplication,
  ],
  migrations,
  buildSchema,
  createLoaders,
  outbox,
  eventHandlers,
  recomputeDeadlines: recomputeScoringDeadlines,
  streams: exportStreams,
};

/** The events it publishes and the shapes it reads of others' (checked by scripts/src/event-contracts.ts). */
export type { ScoringReads } from './events/consumed';
export type { ScoringEvents } from './events/payloads';

if (require.main === module) runSubgraphFromEnvironment(scoringSubgraph);
