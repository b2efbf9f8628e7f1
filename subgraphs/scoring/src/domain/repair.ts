import type { IsoDate } from '@pq/time';

export enum RepairStatus {
  APPLIED = 'APPLIED',
  INSTITUTION_AGREED = 'INSTITUTION_AGREED',
  INSTITUTION_REFUSED = 'INSTITUTION_REFUSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export type RepairStep = 'INSTITUTION_REVIEW' | 'AGENCY_DECISION';

/** S12: the person applies; their institution reviews and agrees; then the agency decides. */
export function repairStepProblem(status: RepairStatus, step: RepairStep): string | null {
  if (step === 'INSTITUTION_REVIEW')
    return status === RepairStatus.APPLIED ? null : `the application is ${status.toLowerCase().replace('_', ' ')}; the institution reviews it once`;
  return status === RepairStatus.INSTITUTION_AGREED
    ? null
    : `the agency decides only after the institution agreed; the application is ${status.toLowerCase().replace('_', ' ')}`;
}

export interface RepairDecision {
  pointsReduction: number;
  newUntil: IsoDate | null;
}

/**
 * S12: an approved repair reduces the year's points and/or shortens the suspension or
 * termination in force; it never adds, and a shortened period still ends on or after its start.
 */
export function repairDecisionProblem(decision: RepairDecision, yearTotal: number, sanction: { from: IsoDate; until: IsoDate | null } | null): string | null {
  if (!Number.isInteger(decision.pointsReduction) || decision.pointsReduction < 0) return 'the points reduction is a whole number of points, 0 or more';
  if (decision.pointsReduction > yearTotal) return `the reduction exceeds the year's ${yearTotal} points`;
  if (decision.newUntil) {
    if (!sanction?.until) return 'there is no suspension or termination period in force to shorten';
    if (decision.newUntil >= sanction.until) return `a repair shortens the period: the new end must be before ${sanction.until}`;
    if (decision.newUntil < sanction.from) return `the new end cannot be before the period starts (${sanction.from})`;
  }
  if (decision.pointsReduction === 0 && !decision.newUntil) return 'an approved repair reduces points or shortens the period';
  return null;
}
