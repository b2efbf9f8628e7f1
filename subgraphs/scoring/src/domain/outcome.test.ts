import { evaluateOutcome, OutcomeInput, SanctionKind } from './outcome';
import { JINING_RULE_SET, NATIONAL_RULE_SET } from './rule-set.fixtures';

const national = NATIONAL_RULE_SET.parameters;
const jining = JINING_RULE_SET.parameters;
const DECIDED = '2026-03-10';
const { NOTIFICATION, INTERVIEW, SUSPENSION, TERMINATION } = SanctionKind;

const evaluate = (input: Partial<OutcomeInput>) =>
  evaluateOutcome({ rules: national, previousTotal: 0, decisionPoints: 1, running: null, earlierYearTotals: [], decidedOn: DECIDED, ...input });

describe('evaluateOutcome — S7 national rule set', () => {
  test.each([
    ['S7 below 9 → the institution is notified', 5, 3, NOTIFICATION, null, null],
    ['S7 9 reached cumulatively → 1 month', 7, 2, SUSPENSION, 1, '2026-04-09'],
    ['S7 10 reached cumulatively → 2 months', 8, 2, SUSPENSION, 2, '2026-05-09'],
    ['S7 11 reached cumulatively → 3 months', 8, 3, SUSPENSION, 3, '2026-06-09'],
    ['S7 9 in one decision → 4 months', 0, 9, SUSPENSION, 4, '2026-07-09'],
    ['S7 10 in one decision → 5 months', 0, 10, SUSPENSION, 5, '2026-08-09'],
    ['S7 11 in one decision → 6 months', 1, 10, SUSPENSION, 6, '2026-09-09'],
  ])('%s', (_rule, previousTotal, decisionPoints, kind, months, until) => {
    const outcome = evaluate({ previousTotal, decisionPoints });
    expect(outcome).toMatchObject({ kind, months, until, yearTotal: previousTotal + decisionPoints });
    expect(outcome.takesEffect).toBe(kind === SUSPENSION);
  });

  test('S7/R9 12 reached cumulatively → terminated, no new registration for 1 year', () => {
    expect(evaluate({ previousTotal: 9, decisionPoints: 3 })).toMatchObject({
      kind: TERMINATION,
      takesEffect: true,
      banYears: 1,
      until: '2027-03-09',
      reRegistrationBlockedUntil: '2027-03-09',
      reachedInOneDecision: false,
    });
  });

  test('S7/R9 12 in one decision → terminated, no new registration for 3 years', () => {
    expect(evaluate({ previousTotal: 0, decisionPoints: 12 })).toMatchObject({
      kind: TERMINATION,
      banYears: 3,
      reRegistrationBlockedUntil: '2029-03-09',
      reachedInOneDecision: true,
    });
  });

  test.each([
    ['S7 a suspension ending later replaces the running one', '2026-04-09', DECIDED, true],
    ['S7 a suspension ending no later than the running one leaves it running', '2026-07-09', DECIDED, false],
    ['S7 ending on the same day as the running one, it leaves it running', '2026-05-09', DECIDED, false],
    ['S7, S13 a 4-month suspension elapsed on 5 May, not restored, does not block 2 months from 10 June', '2026-05-05', '2026-06-10', true],
  ])('%s', (_rule, runningUntil, decidedOn, takesEffect) => {
    expect(evaluate({ previousTotal: 9, decisionPoints: 1, decidedOn, running: { kind: SUSPENSION, until: runningUntil } })).toMatchObject({
      kind: SUSPENSION,
      months: 2,
      takesEffect,
    });
  });

  test('S7 a termination replaces a running suspension', () => {
    expect(evaluate({ previousTotal: 10, decisionPoints: 2, running: { kind: SUSPENSION, until: '2026-12-31' } })).toMatchObject({
      kind: TERMINATION,
      takesEffect: true,
    });
  });

  test('S7 a terminated person scored again stays terminated', () => {
    expect(evaluate({ previousTotal: 12, decisionPoints: 2, running: { kind: TERMINATION, until: '2027-03-09' } })).toMatchObject({
      kind: NOTIFICATION,
      takesEffect: false,
      yearTotal: 14,
    });
  });
});

describe('evaluateOutcome — S7 Jining rule set (000 form 2 §五)', () => {
  test.each([
    ['below 5 → notified', 0, 3, NOTIFICATION, null],
    ['5 → the institution interviews the person', 4, 1, INTERVIEW, null],
    ['6–8 → 3 months', 3, 3, SUSPENSION, 3],
    ['8 → 3 months', 6, 2, SUSPENSION, 3],
    ['9–11 → 6 months', 3, 6, SUSPENSION, 6],
    ['12 → terminated', 6, 6, TERMINATION, null],
  ])('%s', (_rule, previousTotal, decisionPoints, kind, months) => {
    expect(evaluate({ rules: jining, previousTotal, decisionPoints })).toMatchObject({ kind, months });
  });

  test('≥ 9 points in each of three consecutive years → terminated', () => {
    expect(evaluate({ rules: jining, previousTotal: 6, decisionPoints: 3, earlierYearTotals: [9, 10] })).toMatchObject({
      kind: TERMINATION,
      takesEffect: true,
    });
  });

  test('two earlier years at ≥ 9 but one of them below → the usual suspension', () => {
    expect(evaluate({ rules: jining, previousTotal: 6, decisionPoints: 3, earlierYearTotals: [9, 8] })).toMatchObject({ kind: SUSPENSION, months: 6 });
  });
});
