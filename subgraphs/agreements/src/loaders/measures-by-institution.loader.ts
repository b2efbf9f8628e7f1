import { EntityManager, listLoader } from '@pq/kit';
import { measuresByInstitution } from '../repositories/agreements';

/** Every measure on an institution's agreements, oldest first. */
export const measuresByInstitutionLoader = (em: EntityManager) => listLoader((codes: string[]) => measuresByInstitution(em, codes), (measure) => measure.institutionCode);
