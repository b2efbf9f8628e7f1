import type { EntityManager } from '@pq/data';
import type { IsoDate } from '@pq/time';
import { ChangeKind } from '../domain/change-feed';
import type { RegistryReads } from '../events/consumed';
import { recordAgreementMeasure, recordBanChanged, recordSanction, recordSanctionLifted } from '../repositories/person-causes';
import { rederivePersons } from './derive-status';

/**
 * Each cause is recorded as it arrives; the statuses it bears on are then derived again from all
 * causes, and the change feed records the cause (under its event's id) with the statuses it changed.
 */

export async function applySanctionDecided(em: EntityManager, sanction: RegistryReads['SanctionDecided'], today: IsoDate, eventId: string): Promise<void> {
  const decided = await recordSanction(em, sanction);
  await rederivePersons(em, [sanction.personCode], today, [
    {
      sourceEventId: eventId,
      // A known id is the same sanction with its period changed: shortened on repair (S12) or re-derived (A4).
      kind: decided ? ChangeKind.SANCTION_DECIDED : ChangeKind.SANCTION_CHANGED,
      effectiveOn: sanction.from,
      basisDocument: sanction.basisDocument,
      personCode: sanction.personCode,
      institutionCode: null,
      details: {
        sanctionId: sanction.sanctionId,
        sanctionKind: sanction.kind,
        until: sanction.until,
        decidedOn: sanction.decidedOn ?? sanction.from,
        reRegistrationBlockedUntil: sanction.reRegistrationBlockedUntil,
      },
    },
  ]);
}

export async function applySanctionLifted(em: EntityManager, lifted: RegistryReads['SanctionLifted'], today: IsoDate, eventId: string): Promise<void> {
  await recordSanctionLifted(em, lifted);
  await rederivePersons(em, [lifted.personCode], today, [
    {
      sourceEventId: eventId,
      kind: lifted.annulled ? ChangeKind.SANCTION_ANNULLED : ChangeKind.SANCTION_LIFTED,
      effectiveOn: lifted.on,
      basisDocument: lifted.basisDocument,
      personCode: lifted.personCode,
      institutionCode: null,
      details: { sanctionId: lifted.sanctionId, sanctionKind: lifted.kind, cause: lifted.cause },
    },
  ]);
}

export async function applyBanChanged(em: EntityManager, ban: RegistryReads['ReRegistrationBanChanged'], today: IsoDate, eventId: string): Promise<void> {
  await recordBanChanged(em, ban);
  await rederivePersons(em, [ban.personCode], today, [
    {
      sourceEventId: eventId,
      kind: ChangeKind.REREGISTRATION_BAN_SHORTENED,
      effectiveOn: ban.on ?? today,
      basisDocument: ban.basisDocument ?? null,
      personCode: ban.personCode,
      institutionCode: null,
      details: { sanctionId: ban.sanctionId, until: ban.until },
    },
  ]);
}

export async function applyAgreementMeasure(
  em: EntityManager,
  measure: RegistryReads['AgreementMeasureApplied'],
  today: IsoDate,
  eventId: string,
): Promise<void> {
  await rederivePersons(em, await recordAgreementMeasure(em, measure), today, [
    {
      sourceEventId: eventId,
      kind: ChangeKind.AGREEMENT_MEASURE_APPLIED,
      effectiveOn: measure.effectiveOn,
      basisDocument: measure.basisDocument,
      personCode: null,
      institutionCode: measure.institutionCode,
      details: {
        measureId: measure.measureId,
        action: measure.action,
        department: measure.department ?? null,
        allStaff: measure.allStaff,
        responsiblePersonCodes: measure.responsiblePersonCodes,
        cause: measure.reason,
      },
    },
  ]);
}
