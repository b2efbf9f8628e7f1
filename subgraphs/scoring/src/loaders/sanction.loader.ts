import { entityLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { Sanction } from '../entities/sanction';

export const sanctionLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findRows(em, Sanction, { id: ids }),
    (sanction) => sanction.id,
  );
