import type { IsoDate, WorkingDays } from '@pq/time';

export enum RestorationStatus {
  APPLIED = 'APPLIED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** S13: applications are accepted from 15 wd before the period ends, and stay open after it. */
export const RESTORATION_OPENS_WORKING_DAYS_BEFORE_END = 15;
/** S13: the agency decides within 10 wd. */
export const RESTORATION_DECISION_WORKING_DAYS = 10;

export interface RestorationFacts {
  sanction: { kind: 'SUSPENSION' | 'TERMINATION'; until: IsoDate | null } | null;
  hasOpenApplication: boolean;
  appliedOn: IsoDate;
  today: IsoDate;
}

export function restorationWindowOpens(until: IsoDate, calendar: WorkingDays): IsoDate {
  return calendar.addWorkingDays(until, -RESTORATION_OPENS_WORKING_DAYS_BEFORE_END);
}

/** Why a restoration application is refused (S13), or null. */
export function restorationProblem(
  facts: RestorationFacts,
  calendar: WorkingDays,
): { code: 'INVALID_STATE' | 'BAD_USER_INPUT'; message: string; opensOn?: IsoDate } | null {
  if (facts.appliedOn > facts.today) return { code: 'BAD_USER_INPUT', message: `the application date ${facts.appliedOn} is in the future` };
  if (!facts.sanction) return { code: 'INVALID_STATE', message: 'the person has no suspension or termination in force to restore from' };
  if (facts.hasOpenApplication) return { code: 'INVALID_STATE', message: 'a restoration application is already waiting for a decision' };
  if (facts.sanction.until) {
    const opensOn = restorationWindowOpens(facts.sanction.until, calendar);
    if (facts.appliedOn < opensOn) {
      return {
        code: 'INVALID_STATE',
        message: `restoration may be applied for from ${opensOn}, 15 working days before the period ends on ${facts.sanction.until} (S13)`,
        opensOn,
      };
    }
  }
  return null;
}

/** The allowed moves of a restoration application. */
export function restorationDecisionProblem(status: RestorationStatus): string | null {
  return status === RestorationStatus.APPLIED ? null : `the application was already ${status.toLowerCase()}`;
}
