import type { Deadline, IsoDate, WorkingDays } from '@pq/time';

export enum AppealStatus {
  FILED = 'FILED',
  EXPLAINED = 'EXPLAINED',
  ESCALATED = 'ESCALATED',
  EXPERT_REVIEW = 'EXPERT_REVIEW',
  UPHELD = 'UPHELD',
  CHANGED = 'CHANGED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum AppealSubject {
  SCORE = 'SCORE',
  AGREEMENT = 'AGREEMENT',
}

export const OPEN_APPEAL_STATUSES: readonly AppealStatus[] = [AppealStatus.FILED, AppealStatus.EXPLAINED, AppealStatus.ESCALATED, AppealStatus.EXPERT_REVIEW];

export interface FilingRequest {
  receivedOn: IsoDate;
  statement: string;
  signedByPerson: boolean;
  stampedByInstitution: boolean;
}

export interface FilingFacts {
  today: IsoDate;
  /** Last day an appeal is accepted: 10 wd after the notice's delivery; null while not delivered. */
  appealBy: IsoDate | null;
  hasOpenAppeal: boolean;
}

export type FilingProblemCode = 'BAD_USER_INPUT' | 'DEADLINE_PASSED' | 'INVALID_STATE';

/** A1: a written appeal, signed by the person and stamped by the institution, within 10 wd of delivery; one open appeal per decision. */
export function filingProblem(request: FilingRequest, facts: FilingFacts): { code: FilingProblemCode; message: string } | null {
  if (!request.statement.trim()) return { code: 'BAD_USER_INPUT', message: 'an appeal states its grounds in writing' };
  if (!request.signedByPerson) return { code: 'BAD_USER_INPUT', message: 'an appeal must be signed by the person (A1)' };
  if (!request.stampedByInstitution) return { code: 'BAD_USER_INPUT', message: 'an appeal must be stamped by the institution (A1)' };
  if (request.receivedOn > facts.today) return { code: 'BAD_USER_INPUT', message: `the receipt date ${request.receivedOn} is in the future` };
  if (facts.appealBy && request.receivedOn > facts.appealBy) {
    return { code: 'DEADLINE_PASSED', message: `appeals against this decision were due by ${facts.appealBy}; it is deemed accepted (A1)` };
  }
  if (facts.hasOpenAppeal) return { code: 'INVALID_STATE', message: 'this decision already has an open appeal' };
  return null;
}

/** A4: the decision is due within 20 wd of receipt (expert review time excluded, added when it happens). */
export const APPEAL_DECISION_WORKING_DAYS = 20;

/** A3: an expert review, from the day it started to the day the experts answered. */
export interface ExpertReview {
  from: IsoDate;
  to: IsoDate;
}

/** The completed expert reviews of an appeal, from its steps in the order they were taken. */
export function completedExpertReviews(steps: readonly { action: string; happenedOn: IsoDate }[]): ExpertReview[] {
  const reviews: ExpertReview[] = [];
  let started: IsoDate | null = null;
  for (const step of steps) {
    if (step.action === 'START_EXPERT_REVIEW') started = step.happenedOn;
    if (step.action === 'COMPLETE_EXPERT_REVIEW' && started) {
      reviews.push({ from: started, to: step.happenedOn });
      started = null;
    }
  }
  return reviews;
}

/**
 * A4 (002 art.44): the decision is due 20 wd after receipt, plus the working days each
 * completed expert review took between its real start and end (art.43: their time does not count).
 */
export function appealDecisionDeadline(filedOn: IsoDate, reviews: readonly ExpertReview[], calendar: WorkingDays): Deadline {
  const excluded = reviews.reduce((sum, review) => sum + calendar.workingDaysBetween(review.from, review.to), 0);
  return calendar.deadline(filedOn, APPEAL_DECISION_WORKING_DAYS + excluded);
}
