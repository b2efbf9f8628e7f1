import { listLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { RestorationApplication } from '../entities/restoration-application';

export const restorationApplicationsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findRows(em, RestorationApplication, { personCode: codes }, { appliedOn: 'asc', createdAt: 'asc' }),
    (application) => application.personCode,
  );
