import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calendarFromEnvironment, WorkingDayCalendar } from './calendar';
import { addMonths, addYears, chinaDate, isIsoDate } from './dates';

describe('calendar dates', () => {
  test.each([
    ['a month later', '2026-03-10', 1, '2026-04-10'],
    ['a missing day becomes the month\'s last day', '2026-01-31', 1, '2026-02-28'],
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
  ])('isIsoDate(%s) is %s', (value, expected) => expect(isIsoDate(value)).toBe(expected));
  test('the date is the date in China, not UTC', () => expect(chinaDate(new Date('2026-03-15T17:00:00Z'))).toBe('2026-03-16'));
});

describe('WorkingDayCalendar — official holidays and make-up days', () => {
  const calendar = new WorkingDayCalendar();
  test.each([
    ['National Day is a holiday', '2025-10-01', false],
    ['the make-up Saturday before National Day is a working day', '2025-09-28', true],
    ['an ordinary Saturday is not', '2026-03-14', false],
    ['Spring Festival 2026 make-up Saturday is a working day', '2026-02-14', true],
  ])('%s', (_why, date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  test('counting skips weekends and holidays and counts make-up days', () => {
    expect(calendar.addWorkingDays('2025-09-29', 5)).toBe('2025-10-13');
  });

  test('working days between two dates, as an expert review is excluded from a deadline', () => {
    expect(calendar.workingDaysBetween('2025-09-29', '2025-10-13')).toBe(5);
    expect(calendar.workingDaysBetween('2026-03-16', '2026-03-16')).toBe(0);
  });

  test('an administrator override wins over the published data', () => {
    const extended = new WorkingDayCalendar([['2026-03-16', false]]);
    expect(extended.addWorkingDays('2026-03-13', 1)).toBe('2026-03-17');
  });
});

describe('calendarFromEnvironment — an administrator extends the calendar', () => {
  const file = (content: object) => {
    const name = path.join(mkdtempSync(path.join(tmpdir(), 'calendar-')), 'overrides.json');
    writeFileSync(name, JSON.stringify(content));
    return name;
  };

  test('a later year\'s holidays and make-up days from a file', () => {
    const calendar = calendarFromEnvironment({ CALENDAR_OVERRIDES: file({ '2027-10-01': false, '2027-10-09': true }) });
    expect(calendar.isWorkingDay('2027-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-10-09')).toBe(true);
  });

  test('a malformed entry stops the service from starting with a clear message', () => {
    expect(() => calendarFromEnvironment({ CALENDAR_OVERRIDES: file({ '2027-10-01': 'no' }) })).toThrow(/must map a YYYY-MM-DD date/);
  });
});
