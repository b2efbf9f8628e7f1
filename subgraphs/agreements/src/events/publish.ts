import type { EntityManager, OutgoingEvent } from '@pq/kit';
import type { Agreement } from '../entities/agreement';
import type { Institution } from '../entities/institution';
import { outbox } from './outbox';

/** The event that tells the read models of registry, scoring and appeals an institution's facts and current agreement. */
export function institutionUpserted(institution: Institution, agreement: Agreement | null): OutgoingEvent {
  return {
    type: 'InstitutionUpserted',
    key: institution.code,
    payload: {
      code: institution.code,
      name: institution.name,
      kind: institution.kind,
      regionCode: institution.regionCode,
      agreement: agreement && { id: agreement.id, status: agreement.status, statusSince: agreement.statusSince, validFrom: agreement.validFrom, validUntil: agreement.validUntil },
    },
  };
}

export function publishInstitution(em: EntityManager, institution: Institution, agreement: Agreement | null): Promise<void> {
  return outbox.publishAll(em, [institutionUpserted(institution, agreement)]);
}
