import type { Caller } from '@pq/caller';
import type { EntityManager } from '@pq/data';
import { agreementsByInstitutionLoader } from './agreements-by-institution.loader';
import { designationStepsLoader } from './designation-steps.loader';
import { institutionLoader } from './institution.loader';
import { measuresByInstitutionLoader } from './measures-by-institution.loader';

/** The request's DataLoaders: batching and caching never leak between callers. */
export function createLoaders(em: EntityManager, caller: Caller) {
  const agreementsByInstitution = agreementsByInstitutionLoader(em);
  return {
    institution: institutionLoader(em, caller, agreementsByInstitution),
    agreementsByInstitution,
    measuresByInstitution: measuresByInstitutionLoader(em),
    designationSteps: designationStepsLoader(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
