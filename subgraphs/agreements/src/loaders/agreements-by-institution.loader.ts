import { listLoader } from '@pq/batching';
import { EntityManager } from '@pq/data';
import { agreementsByInstitution } from '../repositories/agreements';

/** Every agreement of an institution, with every region, oldest first. */
export const agreementsByInstitutionLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => agreementsByInstitution(em, codes),
    (agreement) => agreement.institutionCode,
  );
