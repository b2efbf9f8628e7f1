import { Caller, findRows, EntityManager, isRegionScoped, listLoader, outOfScope, seesEverything } from '@pq/kit';
import DataLoader from 'dataloader';
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
    institution: new DataLoader<string, Institution | null>(async (codes) => {
      const institutions = await findRows(em, Institution, { code: [...codes] });
      return codes.map((code) => {
        const institution = institutions.find((i) => i.code === code);
        if (!institution) return null;
        return institutionVisible(caller, institution) ? institution : outOfScope('institution', code);
      });
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
