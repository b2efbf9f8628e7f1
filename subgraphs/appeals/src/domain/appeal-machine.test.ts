import { AppealStatus } from './appeal';
import { AppealAction, AppealState, transition } from './appeal-machine';

const { FILED, EXPLAINED, ESCALATED, EXPERT_REVIEW, UPHELD, CHANGED, WITHDRAWN } = AppealStatus;
const state = (status: AppealStatus, extra: Partial<AppealState> = {}): AppealState => ({
  status,
  statusBeforeExpertReview: null,
  escalated: status === ESCALATED,
  ...extra,
});

describe('appeal transitions — A2–A4 (allowed)', () => {
  test.each([
    ['A2 the agency explains', state(FILED), AppealAction.EXPLAIN, 'CITY_AGENCY', EXPLAINED],
    ['A2 a remaining dispute is escalated by the appellant', state(EXPLAINED), AppealAction.ESCALATE, 'INSTITUTION', ESCALATED],
    ['A3 the agency sends a professional question to experts', state(FILED), AppealAction.START_EXPERT_REVIEW, 'CITY_AGENCY', EXPERT_REVIEW],
    [
      'A3 the expert review returns to where it started',
      state(EXPERT_REVIEW, { statusBeforeExpertReview: EXPLAINED }),
      AppealAction.COMPLETE_EXPERT_REVIEW,
      'CITY_AGENCY',
      EXPLAINED,
    ],
    ['A4 the agency upholds', state(EXPLAINED), AppealAction.UPHOLD, 'PROVINCIAL_AGENCY', UPHELD],
    ['A4 the agency changes', state(FILED), AppealAction.CHANGE, 'CITY_AGENCY', CHANGED],
    ['A2 once escalated, the administration decides', state(ESCALATED), AppealAction.CHANGE, 'ADMINISTRATION', CHANGED],
    ['A2 the administration may ask experts', state(ESCALATED), AppealAction.START_EXPERT_REVIEW, 'ADMINISTRATION', EXPERT_REVIEW],
    ['the appellant withdraws', state(EXPERT_REVIEW), AppealAction.WITHDRAW, 'PERSON', WITHDRAWN],
  ] as const)('%s', (_rule, from, action, role, to) => {
    expect(transition(from, action, role)).toEqual({ ok: true, to });
  });
});

describe('appeal transitions — refused', () => {
  test.each([
    ['an explained appeal is not explained again', state(EXPLAINED), AppealAction.EXPLAIN, 'CITY_AGENCY', 'INVALID_STATE'],
    ['only an explained dispute is escalated', state(FILED), AppealAction.ESCALATE, 'INSTITUTION', 'INVALID_STATE'],
    ['a decision is final', state(UPHELD), AppealAction.CHANGE, 'CITY_AGENCY', 'INVALID_STATE'],
    ['a withdrawn appeal stays withdrawn', state(WITHDRAWN), AppealAction.EXPLAIN, 'CITY_AGENCY', 'INVALID_STATE'],
    ['no decision during the expert review', state(EXPERT_REVIEW), AppealAction.UPHOLD, 'CITY_AGENCY', 'INVALID_STATE'],
    ['the appellant does not decide', state(FILED), AppealAction.CHANGE, 'INSTITUTION', 'FORBIDDEN'],
    ['once escalated, the agency no longer decides', state(ESCALATED), AppealAction.UPHOLD, 'CITY_AGENCY', 'FORBIDDEN'],
    ['the administration does not decide before escalation', state(FILED), AppealAction.UPHOLD, 'ADMINISTRATION', 'FORBIDDEN'],
    ['an agency does not withdraw for the appellant', state(FILED), AppealAction.WITHDRAW, 'CITY_AGENCY', 'FORBIDDEN'],
    ['a partner takes no step', state(FILED), AppealAction.EXPLAIN, 'HEALTH_PARTNER', 'FORBIDDEN'],
  ] as const)('%s', (_rule, from, action, role, code) => {
    expect(transition(from, action, role)).toMatchObject({ ok: false, code });
  });
});
