import { Caller, findRows, EntityManager, isRegionScoped, listLoader, scopedEntityLoader, seesEverything } from '@pq/kit';
import { Agreement } from '../entities/agreement';
import { AgreementMeasure } from '../entities/agreement-measure';
import { DesignationStep } from '../entities/designation-step';
import { Institution } from '../entities/institution';

/**
 * Designated institutions are a public list (G8), so institutions and persons may read any;
 * agencies, the administration and partners are held to their region prefix.
 */
export function institutionVisible(caller: Caller, institution: Institution): boolean {
  return seesEverything(caller) || !isRegionScoped(caller) || institution.regionCode.startsWith(caller.region);
}

export function createLoaders(em: EntityManager, caller: Caller) {
  /** Every agreement of an institution, with every region, oldest first. */
  const agreementsByInstitution = listLoader(
    (codes: string[]) => findRows(em, Agreement, { institutionCode: codes }, { validFrom: 'asc' }),
    (agreement: Agreement) => agreement.institutionCode,
  );
  return {
    institution: scopedEntityLoader(caller, {
      what: 'institution',
      fetch: (codes: string[]) => findRows(em, Institution, { code: codes }),
      keyOf: (institution) => institution.code,
      // An agency also sees the institutions elsewhere that hold an agreement with its region (003 art.33).
      reach: async (institutions) => {
        const elsewhere = institutions.filter((institution) => !institutionVisible(caller, institution)).map((institution) => institution.code);
        const agreements = (await Promise.all(elsewhere.map((code) => agreementsByInstitution.load(code)))).flat();
        return new Set(agreements.filter((agreement) => agreement.regionCode.startsWith(caller.region)).map((agreement) => agreement.institutionCode));
      },
      visible: (institution, withAgreementHere) => institutionVisible(caller, institution) || withAgreementHere.has(institution.code),
    }),
    agreementsByInstitution,
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
