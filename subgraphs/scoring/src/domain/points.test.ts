import { combineDecision, heaviest, pointsFor, Responsibility, TierAdjustment } from './points';
import { JINING_RULE_SET, NATIONAL_RULE_SET } from './rule-set.fixtures';

const national = NATIONAL_RULE_SET.parameters.tiers;
const jining = JINING_RULE_SET.parameters.tiers;
const { GENERAL, IMPORTANT, MAIN } = Responsibility;

describe('pointsFor — S2, S3 (002 art.25)', () => {
  const { WITHIN_TIER, ONE_TIER } = TierAdjustment;
  test.each([
    ['002 art.25 general → lowest of tier 1–3', national, 0, GENERAL, false, false, undefined, 1, null],
    ['002 art.25 important → middle of tier 1–3', national, 0, IMPORTANT, false, false, undefined, 2, null],
    ['002 art.25 main → highest of tier 1–3', national, 0, MAIN, false, false, undefined, 3, null],
    ['002 art.25 main → highest of tier 7–9', national, 2, MAIN, false, false, undefined, 9, null],
    ['002 art.25 main of 10–12', national, 3, MAIN, false, false, undefined, 12, null],
    ['002 art.25 lighter within the tier: main 6 → important 5', national, 1, MAIN, true, false, WITHIN_TIER, 5, WITHIN_TIER],
    ['002 art.25 lighter within the tier: important 5 → general 4', national, 1, IMPORTANT, true, false, WITHIN_TIER, 4, WITHIN_TIER],
    ['002 art.25 one tier lower: main 6 → main of 1–3 = 3', national, 1, MAIN, true, false, ONE_TIER, 3, ONE_TIER],
    ['002 art.25 one tier lower: general 4 → general of 1–3 = 1', national, 1, GENERAL, true, false, ONE_TIER, 1, ONE_TIER],
    ['002 art.25 heavier within the tier: general 7 → important 8', national, 2, GENERAL, false, true, WITHIN_TIER, 8, WITHIN_TIER],
    ['002 art.25 one tier higher: general 7 → general of 10–12 = 10', national, 2, GENERAL, false, true, ONE_TIER, 10, ONE_TIER],
    ['002 art.25 one tier higher: main 9 → main of 10–12 = 12', national, 2, MAIN, false, true, ONE_TIER, 12, ONE_TIER],
    ['002 art.25 no choice: within the tier where it leaves room (main 6 → 5)', national, 1, MAIN, true, false, undefined, 5, WITHIN_TIER],
    ['002 art.25 no choice: one tier where the tier leaves none (general 4 → 1)', national, 1, GENERAL, true, false, undefined, 1, ONE_TIER],
    ['002 art.25 no choice: the lowest score stays (general 1)', national, 0, GENERAL, true, false, undefined, 1, null],
    ['002 art.25 no choice: the highest score stays (main 12)', national, 3, MAIN, false, true, undefined, 12, null],
    ['002 art.25 mitigation and aggravation together cancel', national, 1, IMPORTANT, true, true, ONE_TIER, 5, null],
    ['Jining fixed tier: 3 points whatever the responsibility', jining, 1, GENERAL, false, false, undefined, 3, null],
    ['002 art.25 Jining one tier lower: 6 → 3', jining, 2, MAIN, true, false, ONE_TIER, 3, ONE_TIER],
    ['002 art.25 Jining one tier higher: 6 → 12', jining, 2, GENERAL, false, true, ONE_TIER, 12, ONE_TIER],
    ['002 art.25 Jining no choice: a fixed tier leaves no room, so one tier (3 → 1)', jining, 1, MAIN, true, false, undefined, 1, ONE_TIER],
  ])('%s', (_rule, tiers, tierIndex, responsibility, mitigation, aggravation, adjustment, points, applied) => {
    expect(pointsFor(tiers, { tier: tiers[tierIndex], responsibility, mitigation, aggravation, adjustment })).toEqual({ points, adjustment: applied });
  });

  test.each([
    [
      '002 art.25 lighter within the tier is impossible for general responsibility',
      national,
      1,
      GENERAL,
      true,
      false,
      WITHIN_TIER,
      /lighter within the tier 4–6/,
    ],
    ['002 art.25 heavier within the tier is impossible for main responsibility', national, 1, MAIN, false, true, WITHIN_TIER, /heavier within the tier 4–6/],
    ['002 art.25 no tier below 1–3', national, 0, MAIN, true, false, ONE_TIER, /no tier below 1–3/],
    ['002 art.25 no tier above 10–12', national, 3, GENERAL, false, true, ONE_TIER, /no tier above 10–12/],
    ['002 art.25 Jining: a fixed tier has no room within it', jining, 2, MAIN, true, false, WITHIN_TIER, /within the tier 6–6/],
  ])('%s', (_rule, tiers, tierIndex, responsibility, mitigation, aggravation, adjustment, message) => {
    const result = pointsFor(tiers, { tier: tiers[tierIndex], responsibility, mitigation, aggravation, adjustment });
    expect('problem' in result && result.problem).toMatch(message);
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

describe('heaviest — S8 (002 art.31)', () => {
  test.each([
    [
      '002 art.31 — the notice goes where the heaviest behaviour happened',
      [
        { points: 2, at: 'A' },
        { points: 6, at: 'B' },
        { points: 3, at: 'C' },
      ],
      'B',
    ],
    [
      '002 art.31 — of equally heavy behaviours, the first recorded',
      [
        { points: 6, at: 'A' },
        { points: 6, at: 'B' },
      ],
      'A',
    ],
    ['002 art.31 — one behaviour is its own heaviest', [{ points: 1, at: 'A' }], 'A'],
  ])('%s', (_, items, at) => {
    expect(heaviest(items).at).toBe(at);
  });
});
