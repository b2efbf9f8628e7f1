import { EntityManager, entityLoader } from '@pq/kit';
import { findSanctionsInForce } from '../repositories/sanctions';

export const activeSanctionLoader = (em: EntityManager) =>
  entityLoader(
    (personCodes: string[]) => findSanctionsInForce(em, personCodes),
    (sanction) => sanction.personCode,
  );
