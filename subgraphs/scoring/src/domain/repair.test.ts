import { repairDecisionProblem, repairStepProblem, RepairStatus } from './repair';

describe('repair — S12', () => {
  test.each([
    ['the institution reviews an application', RepairStatus.APPLIED, 'INSTITUTION_REVIEW', null],
    ['the agency decides after the institution agreed', RepairStatus.INSTITUTION_AGREED, 'AGENCY_DECISION', null],
    ['not before the institution agreed', RepairStatus.APPLIED, 'AGENCY_DECISION', expect.any(String)],
    ['not after the institution refused', RepairStatus.INSTITUTION_REFUSED, 'AGENCY_DECISION', expect.any(String)],
    ['a decided application is final', RepairStatus.APPROVED, 'INSTITUTION_REVIEW', expect.any(String)],
  ] as const)('%s', (_rule, status, step, expected) => {
    expect(repairStepProblem(status, step)).toEqual(expected);
  });

  const suspension = { from: '2026-01-12', until: '2026-05-11' };
  test.each([
    ['reduce points', { pointsReduction: 3, newUntil: null }, 9, null, null],
    ['shorten the suspension', { pointsReduction: 0, newUntil: '2026-03-31' }, 9, suspension, null],
    ['both', { pointsReduction: 2, newUntil: '2026-03-31' }, 9, suspension, null],
    ["no more than the year's points", { pointsReduction: 10, newUntil: null }, 9, null, 'exceeds'],
    ['shortening needs a period in force', { pointsReduction: 0, newUntil: '2026-03-31' }, 9, null, 'no suspension'],
    ['a new end later than the old one is not shorter', { pointsReduction: 0, newUntil: '2026-06-01' }, 9, suspension, 'shortens'],
    ['not before the start', { pointsReduction: 0, newUntil: '2026-01-01' }, 9, suspension, 'before the period starts'],
    ['an approval changes something', { pointsReduction: 0, newUntil: null }, 9, suspension, 'reduces points or shortens'],
  ])('%s', (_rule, decision, total, sanction, problem) => {
    const result = repairDecisionProblem(decision, total, sanction);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});
