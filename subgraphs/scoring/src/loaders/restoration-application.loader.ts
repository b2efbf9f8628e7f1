import { EntityManager } from '@pq/data';
import { entityLoader } from '@pq/batching';
import { findRestorations } from '../repositories/restorations';

export const restorationApplicationLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findRestorations(em, ids),
    (application) => application.id,
  );
