import { EntityManager } from '@pq/data';
import { listLoader } from '@pq/batching';
import { findRestorationsOfPersons } from '../repositories/restorations';

export const restorationApplicationsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findRestorationsOfPersons(em, codes),
    (application) => application.personCode,
  );
