import { EntityManager, entityLoader } from '@pq/kit';
import { findSanctions } from '../repositories/sanctions';

export const sanctionLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findSanctions(em, ids),
    (sanction) => sanction.id,
  );
