import { WorkingDayCalendar } from '@pq/time/files';
import { appealDecisionDeadline, completedExpertReviews, filingProblem } from './appeal';

describe('filingProblem — A1', () => {
  const request = { receivedOn: '2026-03-16', statement: '申请复核', signedByPerson: true, stampedByInstitution: true };
  const facts = { today: '2026-03-16', appealBy: '2026-03-20', hasOpenAppeal: false };
  test.each([
    ['a signed, stamped appeal in time', {}, {}, null],
    ['A1 in writing: grounds are required', { statement: '  ' }, {}, 'BAD_USER_INPUT'],
    ['A1 signed by the person', { signedByPerson: false }, {}, 'BAD_USER_INPUT'],
    ['A1 stamped by the institution', { stampedByInstitution: false }, {}, 'BAD_USER_INPUT'],
    ['A1 the last day of the 10 wd is in time', { receivedOn: '2026-03-20' }, { today: '2026-03-20' }, null],
    ['A1 later is deemed accepted', { receivedOn: '2026-03-23' }, { today: '2026-03-23' }, 'DEADLINE_PASSED'],
    ['one open appeal per decision', {}, { hasOpenAppeal: true }, 'INVALID_STATE'],
    ['a receipt date in the future is refused', { receivedOn: '2026-03-17' }, {}, 'BAD_USER_INPUT'],
  ])('%s', (_rule, change, factChange, expected) => {
    expect(filingProblem({ ...request, ...change }, { ...facts, ...factChange })?.code ?? null).toBe(expected);
  });
});

describe('appealDecisionDeadline — A4 (002 art.43–44)', () => {
  const calendar = new WorkingDayCalendar();
  test.each([
    ['002 art.44 — 20 wd after receipt', '2026-03-02', [], '2026-03-30', false],
    [
      "002 art.43–44 — an expert review's working days do not count (Mon 9 → Fri 13 March: 4 wd)",
      '2026-03-02',
      [{ from: '2026-03-09', to: '2026-03-13' }],
      '2026-04-03',
      false,
    ],
    [
      '002 art.43–44 — two reviews both excluded',
      '2026-03-02',
      [
        { from: '2026-03-09', to: '2026-03-13' },
        { from: '2026-03-16', to: '2026-03-17' },
      ],
      '2026-04-07',
      false,
    ],
    ['fault 5 — across New Year 2027 (1 January off), counted on a provisional year', '2026-12-24', [], '2027-01-22', true],
  ])('%s', (_rule, filedOn, reviews, date, provisional) => {
    expect(appealDecisionDeadline(filedOn, reviews, calendar)).toEqual({ date, provisional });
  });

  test('the completed reviews are paired from the steps; one still running is not excluded yet', () => {
    const steps = [
      { action: 'FILE', happenedOn: '2026-03-02' },
      { action: 'START_EXPERT_REVIEW', happenedOn: '2026-03-05' },
      { action: 'COMPLETE_EXPERT_REVIEW', happenedOn: '2026-03-10' },
      { action: 'START_EXPERT_REVIEW', happenedOn: '2026-03-12' },
    ];
    expect(completedExpertReviews(steps)).toEqual([{ from: '2026-03-05', to: '2026-03-10' }]);
  });
});
