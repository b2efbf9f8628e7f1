import { EntityManager, entityLoader, findRows } from '@pq/kit';
import { SanctionState } from '../domain/outcome';
import { Sanction } from '../entities/sanction';

export const activeSanctionLoader = (em: EntityManager) =>
  entityLoader(
    (personCodes: string[]) => findRows(em, Sanction, { personCode: personCodes, state: SanctionState.IN_FORCE }),
    (sanction) => sanction.personCode,
  );
