import { EntityManager } from '@pq/data';
import { entityLoader } from '@pq/batching';
import { findSanctionsInForce } from '../repositories/sanctions';

export const activeSanctionLoader = (em: EntityManager) =>
  entityLoader(
    (personCodes: string[]) => findSanctionsInForce(em, personCodes),
    (sanction) => sanction.personCode,
  );
