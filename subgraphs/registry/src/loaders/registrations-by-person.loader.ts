import { listLoader } from '@pq/batching';
import { EntityManager } from '@pq/data';
import { registrationsOfPersons } from '../repositories/registrations';

/** All registrations of a person, cancelled ones included, oldest first. */
export function registrationsByPersonLoader(em: EntityManager) {
  return listLoader(
    (codes: string[]) => registrationsOfPersons(em, codes),
    (registration) => registration.personCode,
  );
}
