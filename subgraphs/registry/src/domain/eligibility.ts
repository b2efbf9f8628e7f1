import type { IsoDate } from '@pq/kit';
import { RegistrationStatus } from './personnel';

/** What the registry knows about one claim line on its service date (E1, R3, R8, G1). */
export interface ClaimFacts {
  /** Status of the person's registration at the institution on the service date; null: not registered then. */
  status: RegistrationStatus | null;
  commitmentSignedOn: IsoDate | null;
  agreementInForce: boolean;
}

export interface Verdict {
  payable: boolean;
  reason: string;
  status: RegistrationStatus;
}

/**
 * E1: a service is paid only if on its date the registration at that institution was normal,
 * the service commitment was signed, and the institution's agreement was in force — except
 * emergency and rescue (急诊、抢救), which are paid whatever the status, with that reason stated.
 */
export function claimVerdict(facts: ClaimFacts, serviceDate: IsoDate, emergency: boolean): Verdict {
  const status = facts.status ?? RegistrationStatus.CANCELLED;
  const obstacle = (() => {
    if (facts.status === null || facts.status === RegistrationStatus.CANCELLED) return `the person was not registered at this institution on ${serviceDate}`;
    if (facts.status !== RegistrationStatus.NORMAL) return `the person's payment qualification was ${facts.status.toLowerCase()} on ${serviceDate}`;
    if (!facts.commitmentSignedOn || facts.commitmentSignedOn > serviceDate) return `the person had not signed the service commitment by ${serviceDate} (R8)`;
    if (!facts.agreementInForce) return `the institution had no service agreement in force on ${serviceDate}`;
    return null;
  })();
  if (!obstacle) return { payable: true, reason: `payable: registered and normal on ${serviceDate}, commitment signed, agreement in force`, status };
  if (emergency) return { payable: true, reason: `payable as emergency or rescue (急诊、抢救), although ${obstacle}`, status };
  return { payable: false, reason: `not payable: ${obstacle}`, status };
}
