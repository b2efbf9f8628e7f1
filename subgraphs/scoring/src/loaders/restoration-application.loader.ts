import { EntityManager, entityLoader } from '@pq/kit';
import { findRestorations } from '../repositories/restorations';

export const restorationApplicationLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findRestorations(em, ids),
    (application) => application.id,
  );
