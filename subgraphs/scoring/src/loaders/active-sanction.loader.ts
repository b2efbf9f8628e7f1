import { EntityManager, entityLoader, findRows } from '@pq/kit';
import { Sanction, SanctionState } from '../entities/sanction';

export const activeSanctionLoader = (em: EntityManager) =>
  entityLoader(
    (personCodes: string[]) => findRows(em, Sanction, { personCode: personCodes, state: SanctionState.IN_FORCE }),
    (sanction) => sanction.personCode,
  );
