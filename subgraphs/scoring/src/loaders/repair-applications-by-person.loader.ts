import { EntityManager, listLoader } from '@pq/kit';
import { findRepairsOfPersons } from '../repositories/repairs';

export const repairApplicationsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findRepairsOfPersons(em, codes),
    (application) => application.personCode,
  );
