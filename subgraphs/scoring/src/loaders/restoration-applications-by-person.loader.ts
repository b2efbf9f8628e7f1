import { EntityManager, listLoader } from '@pq/kit';
import { findRestorationsOfPersons } from '../repositories/restorations';

export const restorationApplicationsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findRestorationsOfPersons(em, codes),
    (application) => application.personCode,
  );
