import type { AuditScope } from '@pq/data';
import type { IsoDate } from '@pq/time';
import { RegistrationStatus } from './personnel';

/** What the registry knows about one claim line on its service date (E1, R3, R8, G1). */
export interface ClaimFacts {
  /** Status of the person's registration at the institution on the service date, as enforced then; null: not registered then. */
  status: RegistrationStatus | null;
  /** The same day's status once every later decision is known (an appeal may have annulled what was enforced). */
  statusAfterReview: RegistrationStatus | null;
  commitmentSignedOn: IsoDate | null;
  agreementInForce: boolean;
}

export interface Verdict {
  payable: boolean;
  reason: string;
  /** The status as it was on the service date. */
  status: RegistrationStatus;
  statusAfterReview: RegistrationStatus;
  /** A suspension or termination enforced that day was later annulled on appeal: a clawback for it is refunded. */
  annulled: boolean;
}

/**
 * E1: a service is paid only if on its date the registration at that institution was normal,
 * the service commitment was signed, and the institution's agreement was in force — except
 * emergency and rescue (急诊、抢救), which are paid whatever the status, with that reason stated.
 * The status judged is the one after review (002 art.44, 47–48): a suspension annulled on appeal
 * never should have stopped payment. The one rule for `paymentEligibility` and `auditClaims`;
 * the audit's SQL only leaves out sites it proves payable (loaders/claim-facts.ts).
 */
export function claimVerdict(facts: ClaimFacts, serviceDate: IsoDate, emergency: boolean): Verdict {
  const status = facts.status ?? RegistrationStatus.CANCELLED;
  const judged = facts.statusAfterReview ?? status;
  const annulled = status !== RegistrationStatus.NORMAL && status !== RegistrationStatus.CANCELLED && judged === RegistrationStatus.NORMAL;
  const obstacle = (() => {
    if (facts.status === null || judged === RegistrationStatus.CANCELLED) return `the person was not registered at this institution on ${serviceDate}`;
    if (judged !== RegistrationStatus.NORMAL) return `the person's payment qualification was ${judged.toLowerCase()} on ${serviceDate}`;
    if (!facts.commitmentSignedOn || facts.commitmentSignedOn > serviceDate) return `the person had not signed the service commitment by ${serviceDate} (R8)`;
    if (!facts.agreementInForce) return `the institution had no service agreement in force on ${serviceDate}`;
    return null;
  })();
  const verdict = { status, statusAfterReview: judged, annulled };
  if (!obstacle) {
    const why = annulled
      ? `the ${status.toLowerCase()} status enforced on ${serviceDate} was annulled on appeal; a clawback for it is refunded (002 art.44, 47–48)`
      : `registered and normal on ${serviceDate}`;
    return { payable: true, reason: `payable: ${why}, commitment signed, agreement in force`, ...verdict };
  }
  if (emergency) return { payable: true, reason: `payable as emergency or rescue (急诊、抢救), although ${obstacle}`, ...verdict };
  return { payable: false, reason: `not payable: ${obstacle}`, ...verdict };
}

/** The most one claim line may settle (yuan): no service costs more, and sums of such lines stay exact. */
export const MAX_CLAIM_AMOUNT = 1_000_000_000_000;

export const isClaimAmount = (amount: number): boolean => Number.isFinite(amount) && Math.abs(amount) <= MAX_CLAIM_AMOUNT;

/** Institutions, and regions, an audit entry names one by one; beyond that many, none, and the provinces. */
const AUDITED_CODES = 10_000;

/** The scope of a claims audit's audit entry: the institutions it checked and their regions, as their rows would have. */
export function claimsAuditScope(institutionCodes: ReadonlySet<string>): AuditScope {
  const regions = new Set([...institutionCodes].map((code) => code.slice(1, 7)));
  return {
    regionCodes: (regions.size <= AUDITED_CODES ? [...regions] : [...new Set([...regions].map((region) => region.slice(0, 2)))]).sort(),
    institutionCodes: institutionCodes.size <= AUDITED_CODES ? [...institutionCodes].sort() : [],
  };
}
