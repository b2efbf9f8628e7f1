import type { IsoDate, WorkingDays } from '@pq/time';
import { appealDecisionDeadline, AppealStatus, AppealSubject, completedExpertReviews } from './appeal';
import { AppealAction } from './appeal-machine';

/** What an allowed step finds: the appeal as it stands and the steps taken so far, oldest first. */
export interface AppealStepFacts {
  subject: AppealSubject;
  status: AppealStatus;
  filedOn: IsoDate;
  steps: readonly { action: string; happenedOn: IsoDate }[];
  /** The points of the score appealed against (needed to change a score). */
  points: number | null;
}

export interface AppealStepRequest {
  action: AppealAction;
  /** The step's real date, already checked against today and the previous step. */
  on: IsoDate;
  reason?: string | null;
  newPoints?: number | null;
}

/** The appeal's fields a step sets. */
export interface AppealChanges {
  escalated?: boolean;
  statusBeforeExpertReview?: AppealStatus | null;
  expertReviewStartedOn?: IsoDate | null;
  decideBy?: IsoDate;
  decidedOn?: IsoDate;
  decisionReason?: string | null;
  newPoints?: number;
}

export type AppealStepDecision =
  | { ok: true; changes: AppealChanges; /** A4: the score's new points, for scoring; null when no score changes. */ changedPoints: number | null }
  | { ok: false; code: 'BAD_USER_INPUT'; message: string };

const refused = (message: string): AppealStepDecision => ({ ok: false, code: 'BAD_USER_INPUT', message });

/**
 * What a step the life cycle allows (appeal-machine) stores: an expert review's real start and,
 * once it completes, the decision deadline derived anew from receipt and every completed review
 * (A3–A4); a decision's date and reasons (A4), and for a changed score its new points — an
 * agreement dispute changes no score (A5).
 */
export function decideAppealStep(facts: AppealStepFacts, request: AppealStepRequest, calendar: WorkingDays): AppealStepDecision {
  const done = (changes: AppealChanges, changedPoints: number | null = null): AppealStepDecision => ({ ok: true, changes, changedPoints });
  switch (request.action) {
    case AppealAction.ESCALATE:
      return done({ escalated: true });
    case AppealAction.START_EXPERT_REVIEW:
      return done({ statusBeforeExpertReview: facts.status, expertReviewStartedOn: request.on });
    case AppealAction.COMPLETE_EXPERT_REVIEW: {
      const reviews = completedExpertReviews([...facts.steps, { action: request.action, happenedOn: request.on }]);
      return done({ decideBy: appealDecisionDeadline(facts.filedOn, reviews, calendar).date, statusBeforeExpertReview: null, expertReviewStartedOn: null });
    }
    case AppealAction.UPHOLD:
      if (!request.reason?.trim()) return refused('an upheld decision gives its reasons (A4)');
      return done({ decidedOn: request.on, decisionReason: request.reason });
    case AppealAction.CHANGE: {
      const decided = { decidedOn: request.on, decisionReason: request.reason ?? null };
      if (facts.subject === AppealSubject.AGREEMENT) return request.newPoints != null ? refused('an agreement dispute changes no score (A5)') : done(decided);
      const { newPoints } = request;
      const points = facts.points!;
      if (newPoints == null || !Number.isInteger(newPoints) || newPoints < 0 || newPoints >= points) {
        return refused(`a changed score gives its new points, from 0 (removed) to ${points - 1}`);
      }
      return done({ ...decided, newPoints }, newPoints);
    }
    default:
      return done({});
  }
}
