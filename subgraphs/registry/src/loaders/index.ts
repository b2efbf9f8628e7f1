import type { Caller } from '@pq/caller';
import type { EntityManager } from '@pq/data';
import { auditScopeLoader } from './audit-scope.loader';
import { claimFactsLoader } from './claim-facts.loader';
import { personLoader } from './person.loader';
import { personnelCountsLoader } from './personnel-counts.loader';
import { personnelPagesLoader } from './personnel-pages.loader';
import { registrationLoader } from './registration.loader';
import { registrationsByPersonLoader } from './registrations-by-person.loader';
import { statusHistoryByPersonLoader } from './status-history-by-person.loader';
import { statusOnLoader } from './status-on.loader';

/** A request's loaders; rows outside the caller's scope come back as FORBIDDEN errors. */
export function createLoaders(em: EntityManager, caller: Caller) {
  return {
    auditScope: auditScopeLoader(em),
    claimFacts: claimFactsLoader(em),
    statusOn: statusOnLoader(em),
    personnelPages: personnelPagesLoader(em),
    personnelCounts: personnelCountsLoader(em),
    person: personLoader(em, caller),
    registration: registrationLoader(em, caller),
    registrationsByPerson: registrationsByPersonLoader(em),
    statusHistoryByPerson: statusHistoryByPersonLoader(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
