import { Caller, findRows, EntityManager, isRegionScoped, listLoader, scopedEntityLoader, seesEverything } from '@pq/kit';
import { Agreement } from '../entities/agreement';
import { AgreementMeasure } from '../entities/agreement-measure';
import { DesignationStep } from '../entities/designation';
import { Institution } from '../entities/institution';

/**
 * Designated institutions are a public list (G8), so institutions and persons may read any;
 * agencies, the administration and partners are held to their region prefix.
 */
export function institutionVisible(caller: Caller, institution: Institution): boolean {
  return seesEverything(caller) || !isRegionScoped(caller) || institution.regionCode.startsWith(caller.region);
}

export function createLoaders(em: EntityManager, caller: Caller) {
  return {
    institution: scopedEntityLoader(caller, {
      what: 'institution',
      fetch: (codes: string[]) => findRows(em, Institution, { code: codes }),
      keyOf: (institution) => institution.code,
      visible: (institution) => institutionVisible(caller, institution),
    }),
    /** Every agreement of an institution, oldest first; the last is the current one. */
    agreementsByInstitution: listLoader(
      (codes: string[]) => findRows(em, Agreement, { institutionCode: codes }, { validFrom: 'asc' }),
      (agreement) => agreement.institutionCode,
    ),
    measuresByInstitution: listLoader(
      (codes: string[]) => findRows(em, AgreementMeasure, { institutionCode: codes }, { recordedAt: 'asc' }),
      (measure) => measure.institutionCode,
    ),
    designationSteps: listLoader(
      (ids: string[]) => findRows(em, DesignationStep, { applicationId: ids }, { recordedAt: 'asc' }),
      (step) => step.applicationId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
