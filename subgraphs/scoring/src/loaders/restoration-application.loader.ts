import { entityLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { RestorationApplication } from '../entities/restoration-application';

export const restorationApplicationLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findRows(em, RestorationApplication, { id: ids }),
    (application) => application.id,
  );
