import { EntityManager, findRows, listLoader } from '@pq/kit';
import { RestorationApplication } from '../entities/restoration-application';

export const restorationApplicationsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findRows(em, RestorationApplication, { personCode: codes }, { appliedOn: 'asc', createdAt: 'asc' }),
    (application) => application.personCode,
  );
