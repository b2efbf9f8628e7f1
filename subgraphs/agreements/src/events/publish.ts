import type { EntityManager } from '@pq/kit';
import type { Agreement } from '../entities/agreement';
import type { Institution } from '../entities/institution';
import { outbox } from './outbox';

/** Tells the read models of registry, scoring and appeals an institution's facts and current agreement. */
export function publishInstitution(em: EntityManager, institution: Institution, agreement: Agreement | null): Promise<void> {
  return outbox.publish(em, 'InstitutionUpserted', institution.code, {
    code: institution.code,
    name: institution.name,
    kind: institution.kind,
    regionCode: institution.regionCode,
    agreement: agreement && { id: agreement.id, status: agreement.status, validFrom: agreement.validFrom, validUntil: agreement.validUntil },
  });
}
