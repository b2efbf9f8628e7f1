import type { EntityManager, EventPayloads } from '@pq/kit';
import { InstitutionView } from '../entities/institution-view';

/** Keeps registry's read model of an institution and its current agreement. */
export async function applyInstitution(em: EntityManager, institution: EventPayloads['InstitutionUpserted']): Promise<void> {
  await em.upsert(InstitutionView, {
    code: institution.code,
    kind: institution.kind,
    regionCode: institution.regionCode,
    agreementStatus: institution.agreement?.status ?? null,
    agreementValidFrom: institution.agreement?.validFrom ?? null,
    agreementValidUntil: institution.agreement?.validUntil ?? null,
  });
}
