import type { EntityManager, EventPayloads } from '@pq/kit';
import { AgreementView } from '../entities/agreement-view';
import { InstitutionView } from '../entities/institution-view';

/** Keeps registry's read model of an institution and of its agreements. */
export async function applyInstitution(em: EntityManager, institution: EventPayloads['InstitutionUpserted']): Promise<void> {
  await em.upsert(InstitutionView, { code: institution.code, kind: institution.kind, regionCode: institution.regionCode });
  const agreement = institution.agreement;
  if (agreement) {
    await em.upsert(AgreementView, { institutionCode: institution.code, validFrom: agreement.validFrom, status: agreement.status, validUntil: agreement.validUntil });
  }
}
