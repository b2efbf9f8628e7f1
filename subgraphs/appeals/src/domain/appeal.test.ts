import { filingProblem } from './appeal';

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
