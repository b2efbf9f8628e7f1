import { addDays, IsoDate } from '@pq/time';
import { RegistrationStatus } from './personnel';
import type { DerivedStatus, StatusStretch } from './status';

/** What a change-feed entry records (002 art.37, 52: what partners and appointment platforms mirror). */
export enum ChangeKind {
  REGISTERED = 'REGISTERED',
  REGISTRATION_CANCELLED = 'REGISTRATION_CANCELLED',
  REGISTRATION_STATUS_CHANGED = 'REGISTRATION_STATUS_CHANGED',
  PERSON_STATUS_CHANGED = 'PERSON_STATUS_CHANGED',
  SCORE_RECORDED = 'SCORE_RECORDED',
  SANCTION_DECIDED = 'SANCTION_DECIDED',
  SANCTION_CHANGED = 'SANCTION_CHANGED',
  SANCTION_LIFTED = 'SANCTION_LIFTED',
  SANCTION_ANNULLED = 'SANCTION_ANNULLED',
  REREGISTRATION_BAN_SHORTENED = 'REREGISTRATION_BAN_SHORTENED',
  APPEAL_DECIDED = 'APPEAL_DECIDED',
  AGREEMENT_MEASURE_APPLIED = 'AGREEMENT_MEASURE_APPLIED',
  AGREEMENT_STATUS_CHANGED = 'AGREEMENT_STATUS_CHANGED',
}

/** One entry to append: the feed gives it its position and the regions that see it. */
export interface NewChange {
  /** The event it records; null for a derived status change (its event, if any, has its own entry). */
  sourceEventId: string | null;
  kind: ChangeKind;
  effectiveOn: IsoDate;
  basisDocument: string | null;
  personCode: string | null;
  institutionCode: string | null;
  details: Record<string, unknown>;
}

/** A status as stored before a derivation, and as derived. */
export interface StatusTransition {
  previous: RegistrationStatus;
  status: RegistrationStatus;
}

/** The stretch in force today: when the status took effect and on what basis. */
function currentStretch(stretches: StatusStretch[], today: IsoDate): StatusStretch | undefined {
  return stretches.filter((s) => s.from <= today).pop();
}

/**
 * The feed entries of one person's derivation (R3–R9): one per registration whose status today
 * changed, and one when the person's own status changed, each dated by the stretch that brought
 * it (the derivation day when none did) with that stretch's cause and basis document.
 */
export function statusChanges(
  personCode: string,
  derived: DerivedStatus,
  transitions: { person?: StatusTransition; registrations: Map<string, StatusTransition & { institutionCode: string }> },
  today: IsoDate,
): NewChange[] {
  const changes: NewChange[] = [];
  const brought = new Map<RegistrationStatus, StatusStretch>();
  for (const [id, registration] of derived.registrations) {
    const stretch = currentStretch(registration.stretches, today);
    if (stretch && (!brought.has(stretch.status) || brought.get(stretch.status)!.from < stretch.from)) brought.set(stretch.status, stretch);
    const transition = transitions.registrations.get(id);
    if (!transition) continue;
    changes.push({
      sourceEventId: null,
      kind: ChangeKind.REGISTRATION_STATUS_CHANGED,
      effectiveOn: stretch?.from ?? today,
      basisDocument: stretch?.basisDocument ?? null,
      personCode,
      institutionCode: transition.institutionCode,
      details: { registrationId: id, previousStatus: transition.previous, status: transition.status, cause: stretch?.cause ?? null },
    });
  }
  if (transitions.person) {
    const stretch = brought.get(transitions.person.status);
    changes.push({
      sourceEventId: null,
      kind: ChangeKind.PERSON_STATUS_CHANGED,
      effectiveOn: stretch?.from ?? today,
      basisDocument: stretch?.basisDocument ?? null,
      personCode,
      institutionCode: null,
      details: { previousStatus: transitions.person.previous, status: transitions.person.status, cause: stretch?.cause ?? null },
    });
  }
  return changes;
}

/** An institution's agreement as registry knows it (G1): its status and validity. */
export interface AgreementState {
  status: string;
  validFrom: IsoDate;
  validUntil: IsoDate;
  /** The day the status took effect; absent: the first day of validity. */
  statusSince?: IsoDate;
}

/**
 * The feed entry of an institution's agreement whose status or validity changed (suspended, resumed,
 * terminated, expired; signed, renewed), else null: the same facts again (an import) change nothing.
 * A new status or a new agreement counts from the day it took effect; a validity moved, from the
 * first day the old and new validity differ.
 */
export function agreementStatusChange(institutionCode: string, previous: AgreementState | null, current: AgreementState): NewChange | null {
  const sameAgreement = previous?.validFrom === current.validFrom;
  if (sameAgreement && previous!.status === current.status && previous!.validUntil === current.validUntil) return null;
  const effectiveOn =
    sameAgreement && previous!.status === current.status
      ? addDays(previous!.validUntil < current.validUntil ? previous!.validUntil : current.validUntil, 1)
      : (current.statusSince ?? current.validFrom);
  return {
    sourceEventId: null,
    kind: ChangeKind.AGREEMENT_STATUS_CHANGED,
    effectiveOn,
    basisDocument: null,
    personCode: null,
    institutionCode,
    details: {
      agreementStatus: current.status,
      previousAgreementStatus: previous?.status ?? null,
      agreementValidFrom: current.validFrom,
      agreementValidUntil: current.validUntil,
    },
  };
}
