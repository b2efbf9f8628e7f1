import { addMonths, addYears, chinaDate, isIsoDate } from './dates';

describe('calendar dates', () => {
  test.each([
    ['a month later', '2026-03-10', 1, '2026-04-10'],
    ["a missing day becomes the month's last day", '2026-01-31', 1, '2026-02-28'],
    ['across a year', '2026-11-30', 3, '2027-02-28'],
  ])('%s', (_why, date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  test('29 February plus a year is 28 February', () => expect(addYears('2028-02-29', 1)).toBe('2029-02-28'));
  test('impossible dates are not dates', () => expect([isIsoDate('2026-02-30'), isIsoDate('2026-2-3'), isIsoDate('2026-02-28')]).toEqual([false, false, true]));
  test.each([
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0000-01-01', false],
    ['2026-01-01T00:00', false],
    ['2026-01-01\n', false],
    [' 2026-01-01', false],
    ['2026/01/01', false],
    ['2026-1a-01', false],
    ['2026-01-0:', false],
    ['２０２６-01-01', false],
    ['9999-12-31', true],
  ])('isIsoDate(%s) is %s', (value, expected) => expect(isIsoDate(value)).toBe(expected));
  test('the date is the date in China, not UTC', () => expect(chinaDate(new Date('2026-03-15T17:00:00Z'))).toBe('2026-03-16'));
});
