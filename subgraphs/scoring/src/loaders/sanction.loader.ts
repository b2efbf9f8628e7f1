import { EntityManager } from '@pq/data';
import { entityLoader } from '@pq/batching';
import { findSanctions } from '../repositories/sanctions';

export const sanctionLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findSanctions(em, ids),
    (sanction) => sanction.id,
  );
