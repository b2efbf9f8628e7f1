import { noticeDeadlines, appealDeadline } from './notice';
import { selectRuleSet } from './rule-set';
import { NATIONAL_RULE_SET } from './rule-set.fixtures';
import { WorkingDayCalendar } from '@pq/time/files';

const ruleSets = [
  { id: 'national-2025', regionPrefix: '', effectiveFrom: '2025-01-01' },
  { id: 'national-2027', regionPrefix: '', effectiveFrom: '2027-01-01' },
  { id: 'shandong-2025', regionPrefix: '37', effectiveFrom: '2025-06-01' },
  { id: 'jining-2024', regionPrefix: '3708', effectiveFrom: '2024-01-01' },
];

describe('selectRuleSet — policy rule sets (docs/rules.md)', () => {
  test.each([
    ['a city with its own rule set uses it', '370802', '2026-03-01', 'jining-2024'],
    ['another city of the province uses the province rule set', '371002', '2026-03-01', 'shandong-2025'],
    ['before the province rule set is in force, the national one applies', '371002', '2025-05-31', 'national-2025'],
    ['a region without a rule set of its own uses the national default', '110105', '2026-03-01', 'national-2025'],
    ['the latest version in force wins', '110105', '2027-02-01', 'national-2027'],
  ])('%s', (_why, region, on, expected) => {
    expect(selectRuleSet(ruleSets, region, on)?.id).toBe(expected);
  });

  test('nothing in force before any rule set', () => {
    expect(selectRuleSet(ruleSets, '110105', '2023-12-31')).toBeNull();
  });
});

describe('notice deadlines — S8, A1 (working days on the official calendar)', () => {
  const calendar = new WorkingDayCalendar();
  const rules = NATIONAL_RULE_SET.parameters;

  test('S8 issued within 5 wd and delivered within 3 wd, across the National Day holiday', () => {
    // 2025-09-29 (Mon): 30 Sep, 9 Oct, 10 Oct, 11 Oct (make-up Saturday), 13 Oct.
    expect(noticeDeadlines(rules, '2025-09-29', calendar)).toEqual({ issueBy: '2025-10-13', deliverBy: '2025-10-16' });
  });

  test('A1 appeals within 10 wd of delivery', () => {
    expect(appealDeadline(rules, '2026-03-16', calendar)).toBe('2026-03-30');
  });
});

import { institutionRatio, RatioMeasure } from './institution-ratio';

describe('institution ratio — S10', () => {
  test.each([
    ['below 20 % → no measure', 1, 10, RatioMeasure.NONE],
    ['20 % → settlement payments held', 2, 10, RatioMeasure.PAYMENTS_HELD],
    ['49 % → still payments held', 49, 100, RatioMeasure.PAYMENTS_HELD],
    ['50 % → agreement suspended', 5, 10, RatioMeasure.AGREEMENT_SUSPENSION],
    ['no registered personnel → no share', 0, 0, RatioMeasure.NONE],
  ])('%s', (_rule, sanctioned, registered, measure) => {
    expect(institutionRatio(NATIONAL_RULE_SET.parameters, sanctioned, registered).measure).toBe(measure);
  });
});
