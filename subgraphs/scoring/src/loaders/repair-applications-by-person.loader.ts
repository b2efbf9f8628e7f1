import { EntityManager } from '@pq/data';
import { listLoader } from '@pq/batching';
import { findRepairsOfPersons } from '../repositories/repairs';

export const repairApplicationsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findRepairsOfPersons(em, codes),
    (application) => application.personCode,
  );
