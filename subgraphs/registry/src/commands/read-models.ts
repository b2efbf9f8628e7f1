import type { EntityManager } from '@pq/data';
import { agreementStatusChange } from '../domain/change-feed';
import type { RegistryReads } from '../events/consumed';
import { appendChanges } from '../repositories/change-feed';
import { currentAgreement, recordAgreementStatus, upsertInstitution } from '../repositories/institutions';

/**
 * Keeps registry's read model of an institution and of its agreements' statuses day by day.
 * Events written before `statusSince` existed count from the first day of validity. A change of
 * the agreement's status or validity goes to the change feed under the event's id.
 */
export async function applyInstitution(em: EntityManager, institution: RegistryReads['InstitutionUpserted'], eventId: string): Promise<void> {
  await upsertInstitution(em, institution);
  if (!institution.agreement) return;
  const previous = await currentAgreement(em, institution.code);
  const statusSince = institution.agreement.statusSince ?? institution.agreement.validFrom;
  await recordAgreementStatus(em, institution.code, institution.agreement, statusSince);
  const change = agreementStatusChange(institution.code, previous, { ...institution.agreement, statusSince });
  if (change) await appendChanges(em, [{ ...change, sourceEventId: eventId }]);
}
