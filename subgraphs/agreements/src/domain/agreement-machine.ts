import { addDays, addMonths, IsoDate } from '@pq/time';
import { AgreementStatus } from './institution';

export enum AgreementAction {
  SUSPEND = 'SUSPEND',
  RESUME = 'RESUME',
  TERMINATE = 'TERMINATE',
  REQUEST_RENEWAL = 'REQUEST_RENEWAL',
  RENEW = 'RENEW',
  DECLINE_RENEWAL = 'DECLINE_RENEWAL',
}

/** G13 (003 art.30–33): why an agreement is terminated. */
export enum TerminationTrigger {
  REPEATED_SUSPENSION = 'REPEATED_SUSPENSION',
  SUSPENSION_OVER_180_DAYS = 'SUSPENSION_OVER_180_DAYS',
  NO_SETTLEMENT_180_DAYS = 'NO_SETTLEMENT_180_DAYS',
  FRAUD = 'FRAUD',
  SERIOUS_BREACH = 'SERIOUS_BREACH',
  CHAIN_OWNER_TERMINATED = 'CHAIN_OWNER_TERMINATED',
  HOME_REGION_TERMINATED = 'HOME_REGION_TERMINATED',
  INSTITUTION_REQUEST = 'INSTITUTION_REQUEST',
}

/** G12: an institution may ask for a suspension of at most 180 days; past 180 days without resuming it is terminated. */
export const MAX_SUSPENSION_DAYS = 180;
/** G9: renewal may be asked from 3 months before expiry. */
export const RENEWAL_WINDOW_MONTHS = 3;
/** G13: an institution asks to terminate 3 months ahead. */
export const TERMINATION_NOTICE_MONTHS = 3;

export interface AgreementState {
  status: AgreementStatus;
  validUntil: IsoDate;
  renewalPending: boolean;
  /** Suspensions within this validity period (G13: a second one is a termination trigger). */
  suspensionCount: number;
}

export interface ActionRequest {
  action: AgreementAction;
  today: IsoDate;
  effectiveOn: IsoDate;
  /** SUSPEND at the institution's request: the days asked for. */
  requestedDays?: number | null;
  trigger?: TerminationTrigger | null;
  /** Public institutions may not ask to terminate (G13). */
  publicInstitution?: boolean;
  /** A department-level measure (G14) leaves the agreement itself as it is. */
  department?: string | null;
}

export type ActionResult =
  | { ok: true; status: AgreementStatus; renewalPending: boolean; flagsTermination: boolean }
  | { ok: false; code: 'INVALID_STATE' | 'BAD_USER_INPUT' | 'DEADLINE_PASSED'; message: string };

/** G9: an active agreement past its end is expired, unless a renewal is being decided. */
export function effectiveStatus(state: Pick<AgreementState, 'status' | 'validUntil' | 'renewalPending'>, today: IsoDate): AgreementStatus {
  if (state.status === AgreementStatus.ACTIVE && state.validUntil < today && !state.renewalPending) return AgreementStatus.EXPIRED;
  return state.status;
}

/** The allowed moves of an agreement (G9, G12–G14) and what they lead to. */
export function agreementAction(state: AgreementState, request: ActionRequest): ActionResult {
  const status = effectiveStatus(state, request.today);
  const refuse = (message: string, code: 'INVALID_STATE' | 'BAD_USER_INPUT' | 'DEADLINE_PASSED' = 'INVALID_STATE'): ActionResult => ({
    ok: false,
    code,
    message,
  });
  const keep = { renewalPending: state.renewalPending, flagsTermination: false };
  switch (request.action) {
    case AgreementAction.SUSPEND: {
      if (status !== AgreementStatus.ACTIVE) return refuse(`a ${status.toLowerCase()} agreement cannot be suspended`);
      if (request.requestedDays != null && (request.requestedDays < 1 || request.requestedDays > MAX_SUSPENSION_DAYS)) {
        return refuse(`a suspension asked for by the institution lasts 1 to ${MAX_SUSPENSION_DAYS} days (G12)`, 'BAD_USER_INPUT');
      }
      if (request.department) return { ok: true, status, ...keep };
      return { ok: true, status: AgreementStatus.SUSPENDED, ...keep, flagsTermination: state.suspensionCount + 1 >= 2 };
    }
    case AgreementAction.RESUME:
      if (status !== AgreementStatus.SUSPENDED && !request.department) return refuse(`only a suspended agreement resumes; this one is ${status.toLowerCase()}`);
      return { ok: true, status: request.department ? status : effectiveStatus({ ...state, status: AgreementStatus.ACTIVE }, request.today), ...keep };
    case AgreementAction.TERMINATE:
      if (status !== AgreementStatus.ACTIVE && status !== AgreementStatus.SUSPENDED) return refuse(`a ${status.toLowerCase()} agreement cannot be terminated`);
      if (!request.trigger) return refuse('a termination names its trigger (G13)', 'BAD_USER_INPUT');
      if (request.trigger === TerminationTrigger.INSTITUTION_REQUEST) {
        if (request.publicInstitution) return refuse('a public medical institution may not ask to terminate its agreement (G13)');
        if (request.effectiveOn < addMonths(request.today, TERMINATION_NOTICE_MONTHS)) {
          return refuse(
            `an institution asks to terminate ${TERMINATION_NOTICE_MONTHS} months ahead: not before ${addMonths(request.today, TERMINATION_NOTICE_MONTHS)} (G13)`,
            'DEADLINE_PASSED',
          );
        }
      }
      if (request.department) return { ok: true, status, ...keep };
      return { ok: true, status: AgreementStatus.TERMINATED, renewalPending: false, flagsTermination: false };
    case AgreementAction.REQUEST_RENEWAL: {
      const opens = addMonths(state.validUntil, -RENEWAL_WINDOW_MONTHS);
      if (status !== AgreementStatus.ACTIVE && status !== AgreementStatus.SUSPENDED) return refuse(`a ${status.toLowerCase()} agreement cannot be renewed`);
      if (state.renewalPending) return refuse('a renewal is already being decided');
      if (request.today < opens) return refuse(`renewal may be asked from ${opens}, 3 months before expiry (G9)`);
      return { ok: true, status, renewalPending: true, flagsTermination: false };
    }
    case AgreementAction.RENEW:
    case AgreementAction.DECLINE_RENEWAL:
      if (!state.renewalPending) return refuse('no renewal is being decided');
      return { ok: true, status: effectiveStatus({ ...state, renewalPending: false }, request.today), renewalPending: false, flagsTermination: false };
  }
}

/** G12: a suspension past 180 days without a resumption ends the agreement. */
export function suspensionOverdue(suspendedSince: IsoDate, today: IsoDate): boolean {
  return addDays(suspendedSince, MAX_SUSPENSION_DAYS) < today;
}

/** A new agreement (designation, import, renewal) is in force from its first day. */
export function newAgreement(validity: { validFrom: IsoDate; validUntil: IsoDate }) {
  return { status: AgreementStatus.ACTIVE, statusSince: validity.validFrom, ...validity };
}

/** G8: a renewed agreement runs one year from the day after the old one ends. */
export function renewedValidity(validUntil: IsoDate): { validFrom: IsoDate; validUntil: IsoDate } {
  const validFrom = addDays(validUntil, 1);
  return { validFrom, validUntil: addDays(addMonths(validFrom, 12), -1) };
}

/** What a measure may change of a stored agreement: its state and the days its status and its suspension began. */
export interface AgreementRecord extends AgreementState {
  statusSince: IsoDate;
  suspendedSince?: IsoDate | null;
}

/**
 * What an allowed measure makes of the agreement it is taken on (G12–G14): the status it leads
 * to, counted from the measure's effective day (registry judges payment on a past day by the
 * status of that day, E3), the running suspension and the suspensions within the validity.
 * A department's measure (G14) leaves the agreement as it is.
 */
export function measuredAgreement(
  agreement: AgreementRecord,
  measure: { action: AgreementAction; department?: string | null; effectiveOn: IsoDate },
  outcome: { status: AgreementStatus; renewalPending: boolean },
): AgreementRecord {
  const { status: before, statusSince, validUntil, renewalPending, suspendedSince, suspensionCount } = agreement;
  if (measure.department) return { status: before, statusSince, validUntil, renewalPending, suspendedSince, suspensionCount };
  // Expiry is derived from the validity each day (effectiveStatus), never stored.
  const status = outcome.status === AgreementStatus.EXPIRED ? AgreementStatus.ACTIVE : outcome.status;
  const suspends = measure.action === AgreementAction.SUSPEND;
  const endsSuspension = measure.action === AgreementAction.RESUME || measure.action === AgreementAction.TERMINATE;
  return {
    status,
    statusSince: status === before ? statusSince : measure.effectiveOn,
    validUntil,
    renewalPending: outcome.renewalPending,
    suspendedSince: suspends ? measure.effectiveOn : endsSuspension ? null : suspendedSince,
    suspensionCount: suspensionCount + (suspends ? 1 : 0),
  };
}
