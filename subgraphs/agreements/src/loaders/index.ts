import { EntityManager, entityLoader, listLoader } from '@pq/kit';
import { Agreement } from '../entities/agreement';
import { Institution } from '../entities/institution';

export function createLoaders(em: EntityManager) {
  return {
    institution: entityLoader(
      (codes: string[]) => em.find(Institution, { code: { $in: codes } }),
      (institution) => institution.code,
    ),
    /** Every agreement of an institution, oldest first; the last is the current one. */
    agreementsByInstitution: listLoader(
      (codes: string[]) => em.find(Agreement, { institutionCode: { $in: codes } }, { orderBy: { validFrom: 'asc' } }),
      (agreement) => agreement.institutionCode,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
