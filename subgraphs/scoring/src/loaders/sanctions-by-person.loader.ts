import { EntityManager, listLoader } from '@pq/kit';
import { findSanctionsOfPersons } from '../repositories/sanctions';

export const sanctionsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findSanctionsOfPersons(em, codes),
    (sanction) => sanction.personCode,
  );
