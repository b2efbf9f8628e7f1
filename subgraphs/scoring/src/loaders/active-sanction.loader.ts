import { entityLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { Sanction, SanctionState } from '../entities/sanction';

export const activeSanctionLoader = (em: EntityManager) =>
  entityLoader(
    (personCodes: string[]) => findRows(em, Sanction, { personCode: personCodes, state: SanctionState.IN_FORCE }),
    (sanction) => sanction.personCode,
  );
