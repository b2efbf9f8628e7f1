import { scopedEntityLoader } from '@pq/batching';
import { Caller } from '@pq/caller';
import { EntityManager } from '@pq/data';
import type { Institution } from '../entities/institution';
import { institutionsByCode, institutionVisible } from '../repositories/institutions';
import type { agreementsByInstitutionLoader } from './agreements-by-institution.loader';

/** Institutions by code within the caller's scope; an agency also sees the institutions elsewhere that hold an agreement with its region (003 art.33). */
export function institutionLoader(em: EntityManager, caller: Caller, agreementsByInstitution: ReturnType<typeof agreementsByInstitutionLoader>) {
  return scopedEntityLoader<string, Institution, Set<string>>(caller, {
    what: 'institution',
    fetch: (codes: string[]) => institutionsByCode(em, codes),
    keyOf: (institution) => institution.code,
    reach: async (institutions) => {
      const elsewhere = institutions.filter((institution) => !institutionVisible(caller, institution)).map((institution) => institution.code);
      const agreements = (await Promise.all(elsewhere.map((code) => agreementsByInstitution.load(code)))).flat();
      return new Set(agreements.filter((agreement) => agreement.regionCode.startsWith(caller.region)).map((agreement) => agreement.institutionCode));
    },
    visible: (institution, withAgreementHere) => institutionVisible(caller, institution) || withAgreementHere.has(institution.code),
  });
}
