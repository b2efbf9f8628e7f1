import type { Role } from '@pq/caller';
import { AppealStatus } from './appeal';

const { FILED, EXPLAINED, ESCALATED, EXPERT_REVIEW, UPHELD, CHANGED, WITHDRAWN } = AppealStatus;

export enum AppealAction {
  EXPLAIN = 'EXPLAIN',
  ESCALATE = 'ESCALATE',
  START_EXPERT_REVIEW = 'START_EXPERT_REVIEW',
  COMPLETE_EXPERT_REVIEW = 'COMPLETE_EXPERT_REVIEW',
  UPHOLD = 'UPHOLD',
  CHANGE = 'CHANGE',
  WITHDRAW = 'WITHDRAW',
}

const AGENCIES: Role[] = ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY'];
const APPELLANTS: Role[] = ['INSTITUTION', 'PERSON'];
const OPEN = [FILED, EXPLAINED, ESCALATED, EXPERT_REVIEW];

interface Move {
  from: AppealStatus[];
  /** Null: back to the status before the expert review. */
  to: AppealStatus | null;
  /** Who may take the step; for decisions it depends on whether the dispute was escalated. */
  by: (escalated: boolean) => Role[];
}

/**
 * A2–A4: the agency explains; a remaining dispute goes to the administration; professional
 * questions go to experts, whose time does not count; the agency (or, once escalated, the
 * administration) upholds with reasons or changes the decision; the appellant may withdraw.
 */
const MOVES: Record<AppealAction, Move> = {
  EXPLAIN: { from: [FILED], to: EXPLAINED, by: () => AGENCIES },
  ESCALATE: { from: [EXPLAINED], to: ESCALATED, by: () => [...AGENCIES, ...APPELLANTS] },
  START_EXPERT_REVIEW: { from: [FILED, EXPLAINED, ESCALATED], to: EXPERT_REVIEW, by: (escalated) => (escalated ? ['ADMINISTRATION'] : AGENCIES) },
  COMPLETE_EXPERT_REVIEW: { from: [EXPERT_REVIEW], to: null, by: (escalated) => (escalated ? ['ADMINISTRATION'] : AGENCIES) },
  UPHOLD: { from: [FILED, EXPLAINED, ESCALATED], to: UPHELD, by: (escalated) => (escalated ? ['ADMINISTRATION'] : AGENCIES) },
  CHANGE: { from: [FILED, EXPLAINED, ESCALATED], to: CHANGED, by: (escalated) => (escalated ? ['ADMINISTRATION'] : AGENCIES) },
  WITHDRAW: { from: OPEN, to: WITHDRAWN, by: () => APPELLANTS },
};

export interface AppealState {
  status: AppealStatus;
  /** Where an expert review returns to. */
  statusBeforeExpertReview: AppealStatus | null;
  escalated: boolean;
}

export type TransitionResult = { ok: true; to: AppealStatus } | { ok: false; code: 'INVALID_STATE' | 'FORBIDDEN'; message: string };

/** Whether `role` may take `action` on an appeal in `state`, and where it leads. */
export function transition(state: AppealState, action: AppealAction, role: Role): TransitionResult {
  const move = MOVES[action];
  if (!move.from.includes(state.status)) {
    return {
      ok: false,
      code: 'INVALID_STATE',
      message: `an appeal that is ${state.status.toLowerCase()} cannot be ${action.toLowerCase().replace(/_/g, ' ')}ed`,
    };
  }
  if (!move.by(state.escalated).includes(role)) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      message: `${role} may not ${action.toLowerCase().replace(/_/g, ' ')} ${state.escalated ? 'an escalated' : 'this'} appeal`,
    };
  }
  return { ok: true, to: move.to ?? state.statusBeforeExpertReview ?? FILED };
}
