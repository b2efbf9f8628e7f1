import { WorkingDayCalendar } from '@pq/time/files';
import { AppealStatus, AppealSubject } from './appeal';
import { AppealAction } from './appeal-machine';
import { AppealStepFacts, decideAppealStep } from './appeal-step';

const calendar = new WorkingDayCalendar();
const facts: AppealStepFacts = {
  subject: AppealSubject.SCORE,
  status: AppealStatus.EXPLAINED,
  filedOn: '2026-03-02',
  steps: [{ action: 'FILE', happenedOn: '2026-03-02' }],
  points: 6,
};
const agreement = { subject: AppealSubject.AGREEMENT, points: null };
const reviewing = { status: AppealStatus.EXPERT_REVIEW, steps: [...facts.steps, { action: 'START_EXPERT_REVIEW', happenedOn: '2026-03-09' }] };

describe('decideAppealStep — what an allowed step stores (A2–A5)', () => {
  test.each([
    ['A2 escalation marks the dispute for the administration', {}, { action: AppealAction.ESCALATE }, { escalated: true }, null],
    [
      'A3 an expert review keeps where it returns to and its real start',
      {},
      { action: AppealAction.START_EXPERT_REVIEW, on: '2026-03-09' },
      { statusBeforeExpertReview: AppealStatus.EXPLAINED, expertReviewStartedOn: '2026-03-09' },
      null,
    ],
    [
      '002 art.43–44 — a completed review moves the deadline by its working days (Mon 9 → Fri 13 March: 4 wd)',
      reviewing,
      { action: AppealAction.COMPLETE_EXPERT_REVIEW, on: '2026-03-13' },
      { decideBy: '2026-04-03', statusBeforeExpertReview: null, expertReviewStartedOn: null },
      null,
    ],
    [
      'A4 an upheld decision stores its date and reasons',
      {},
      { action: AppealAction.UPHOLD, reason: '记分无误' },
      { decidedOn: '2026-03-20', decisionReason: '记分无误' },
      null,
    ],
    [
      'A4 a changed score stores and passes on its new points',
      {},
      { action: AppealAction.CHANGE, newPoints: 3 },
      { decidedOn: '2026-03-20', decisionReason: null, newPoints: 3 },
      3,
    ],
    [
      'A4 a score may be removed (0 points)',
      {},
      { action: AppealAction.CHANGE, newPoints: 0, reason: '撤销' },
      { decidedOn: '2026-03-20', decisionReason: '撤销', newPoints: 0 },
      0,
    ],
    ['A5 a changed agreement decision changes no score', agreement, { action: AppealAction.CHANGE }, { decidedOn: '2026-03-20', decisionReason: null }, null],
    ['A2 an explanation stores nothing beyond its step', {}, { action: AppealAction.EXPLAIN }, {}, null],
  ] as const)('%s', (_rule, factChange, request, changes, changedPoints) => {
    expect(decideAppealStep({ ...facts, ...factChange }, { on: '2026-03-20', ...request }, calendar)).toEqual({ ok: true, changes, changedPoints });
  });

  test.each([
    ['A4 an upheld decision gives its reasons', {}, { action: AppealAction.UPHOLD, reason: '  ' }],
    ['A4 a changed score gives its new points', {}, { action: AppealAction.CHANGE }],
    ['A4 a change lowers the score', {}, { action: AppealAction.CHANGE, newPoints: 6 }],
    ['A4 points are a whole, non-negative number', {}, { action: AppealAction.CHANGE, newPoints: -1 }],
    ['A5 an agreement dispute changes no score', agreement, { action: AppealAction.CHANGE, newPoints: 0 }],
  ] as const)('refused: %s', (_rule, factChange, request) => {
    expect(decideAppealStep({ ...facts, ...factChange }, { on: '2026-03-20', ...request }, calendar)).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
  });
});
