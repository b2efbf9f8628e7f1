import { EntityManager, entityLoader, findRows } from '@pq/kit';
import { Sanction } from '../entities/sanction';

export const sanctionLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findRows(em, Sanction, { id: ids }),
    (sanction) => sanction.id,
  );
