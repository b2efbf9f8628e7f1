import { EntityManager, entityLoader, findRows } from '@pq/kit';
import { RestorationApplication } from '../entities/restoration-application';

export const restorationApplicationLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findRows(em, RestorationApplication, { id: ids }),
    (application) => application.id,
  );
