import { listLoader } from '@pq/batching';
import { EntityManager } from '@pq/data';
import { measuresByInstitution } from '../repositories/agreements';

/** Every measure on an institution's agreements, oldest first. */
export const measuresByInstitutionLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => measuresByInstitution(em, codes),
    (measure) => measure.institutionCode,
  );
