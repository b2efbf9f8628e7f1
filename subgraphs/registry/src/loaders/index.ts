import { EntityManager, entityLoader, listLoader } from '@pq/kit';
import { Person } from '../entities/person';
import { Registration } from '../entities/registration';
import { StatusInterval } from '../entities/status-interval';
import { claimFactsLoader } from './claim-facts';

export function createLoaders(em: EntityManager) {
  return {
    claimFacts: claimFactsLoader(em),
    person: entityLoader(
      (codes: string[]) => em.find(Person, { code: { $in: codes } }),
      (person) => person.code,
    ),
    registration: entityLoader(
      (ids: string[]) => em.find(Registration, { id: { $in: ids } }),
      (registration) => registration.id,
    ),
    /** All registrations of a person, cancelled ones included, oldest first. */
    registrationsByPerson: listLoader(
      (codes: string[]) => em.find(Registration, { personCode: { $in: codes } }, { orderBy: { registeredOn: 'asc', institutionCode: 'asc' } }),
      (registration) => registration.personCode,
    ),
    statusHistoryByPerson: listLoader(
      (codes: string[]) => em.find(StatusInterval, { personCode: { $in: codes } }, { orderBy: { validFrom: 'asc', recordedAt: 'asc' } }),
      (interval) => interval.personCode,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
