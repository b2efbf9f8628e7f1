import type { EntityManager } from '@pq/data';
import type { RegistryReads } from '../events/consumed';
import { recordAgreementStatus, upsertInstitution } from '../repositories/institutions';

/**
 * Keeps registry's read model of an institution and of its agreements' statuses day by day.
 * Events written before `statusSince` existed count from the first day of validity.
 */
export async function applyInstitution(em: EntityManager, institution: RegistryReads['InstitutionUpserted']): Promise<void> {
  await upsertInstitution(em, institution);
  if (institution.agreement)
    await recordAgreementStatus(em, institution.code, institution.agreement, institution.agreement.statusSince ?? institution.agreement.validFrom);
}
