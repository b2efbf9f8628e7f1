import { combineDecision, pointsFor, Responsibility } from './points';
import { JINING_RULE_SET, NATIONAL_RULE_SET } from './shipped-rule-sets';

const national = NATIONAL_RULE_SET.parameters.tiers;
const jining = JINING_RULE_SET.parameters.tiers;
const { GENERAL, IMPORTANT, MAIN } = Responsibility;

describe('pointsFor — S2, S3', () => {
  test.each([
    ['S3 general → lowest of tier 1–3', national, 0, GENERAL, false, false, 1],
    ['S3 important → middle of tier 1–3', national, 0, IMPORTANT, false, false, 2],
    ['S3 main → highest of tier 1–3', national, 0, MAIN, false, false, 3],
    ['S3 main → highest of tier 7–9', national, 2, MAIN, false, false, 9],
    ['S3 main of 10–12', national, 3, MAIN, false, false, 12],
    ['S3 mitigation: lighter within the tier (main 6 → 5)', national, 1, MAIN, true, false, 5],
    ['S3 mitigation: one tier lower from the bottom of a tier (general 4 → 3)', national, 1, GENERAL, true, false, 3],
    ['S3 mitigation never goes below 1', national, 0, GENERAL, true, false, 1],
    ['S3 aggravation: heavier within the tier (general 7 → 8)', national, 2, GENERAL, false, true, 8],
    ['S3 aggravation: one tier higher from the top of a tier (main 9 → 10)', national, 2, MAIN, false, true, 10],
    ['S3 aggravation never exceeds 12', national, 3, MAIN, false, true, 12],
    ['S3 mitigation and aggravation together cancel', national, 1, IMPORTANT, true, true, 5],
    ['S2 Jining fixed tier 3 points whatever the responsibility', jining, 1, GENERAL, false, false, 3],
    ['S3 Jining mitigation: one tier lower (6 → 3)', jining, 2, MAIN, true, false, 3],
    ['S3 Jining aggravation: one tier higher (6 → 12)', jining, 2, GENERAL, false, true, 12],
  ])('%s', (_rule, tiers, tierIndex, responsibility, mitigation, aggravation, expected) => {
    expect(pointsFor(tiers, { tier: tiers[tierIndex], responsibility, mitigation, aggravation })).toBe(expected);
  });
});

describe('combineDecision — S4, S5', () => {
  test('S4: different violations in one inspection add up', () => {
    const result = combineDecision([
      { personCode: 'D1', violationRef: 'a', points: 2 },
      { personCode: 'D1', violationRef: 'b', points: 4 },
    ]);
    expect(result.pointsByPerson.get('D1')).toBe(6);
    expect(result.counted).toEqual([true, true]);
  });

  test('S4: one violation matching several negative situations counts once, at the highest', () => {
    const result = combineDecision([
      { personCode: 'D1', violationRef: 'a', points: 2 },
      { personCode: 'D1', violationRef: 'a', points: 5 },
      { personCode: 'D1', violationRef: 'b', points: 1 },
    ]);
    expect(result.pointsByPerson.get('D1')).toBe(6);
    expect(result.counted).toEqual([false, true, true]);
  });

  test('S5: each person has their own sum', () => {
    const result = combineDecision([
      { personCode: 'D1', violationRef: 'a', points: 3 },
      { personCode: 'D2', violationRef: 'a', points: 4 },
    ]);
    expect([...result.pointsByPerson]).toEqual([
      ['D1', 3],
      ['D2', 4],
    ]);
  });
});
