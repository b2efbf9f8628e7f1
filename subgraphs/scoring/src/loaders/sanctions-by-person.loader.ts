import { EntityManager } from '@pq/data';
import { listLoader } from '@pq/batching';
import { findSanctionsOfPersons } from '../repositories/sanctions';

export const sanctionsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findSanctionsOfPersons(em, codes),
    (sanction) => sanction.personCode,
  );
