import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { provisionalYear } from './calendar';
import { calendarFromEnvironment, parseYearFile, reloadCalendarOnSignal, SHIPPED_CALENDAR_DIRECTORY, WorkingDayCalendar } from './files';
import { statutoryHolidays } from './statutory-holidays';

const directory = () => mkdtempSync(path.join(tmpdir(), 'calendar-'));
const writeYear = (dir: string, year: number, content: object) => writeFileSync(path.join(dir, `${year}.json`), JSON.stringify({ year, ...content }));
/** A stand-in for the State Council's 2027 schedule (the real one is published late in 2026). */
const OFFICIAL_2027 = {
  source: 'test fixture',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
  ],
  workdays: [{ name: '春节调休', date: '2027-02-20' }],
};

describe('WorkingDayCalendar — the State Council schedules shipped in packages/time/calendar', () => {
  const calendar = new WorkingDayCalendar();
  test.each([
    ['National Day is a holiday', '2025-10-01', false],
    ['the make-up Saturday before National Day is a working day', '2025-09-28', true],
    ['an ordinary Saturday is not', '2026-03-14', false],
    ['Spring Festival 2026 make-up Saturday is a working day', '2026-02-14', true],
    ['2026 New Year holiday (Friday 2 January)', '2026-01-02', false],
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

  test('2023 (before the regulation, for imported records, 002 art.59) is official: 29 January 2023 was a make-up working day', () => {
    const calendar = new WorkingDayCalendar();
    expect(calendar.status('2023-06-01').officialYears).toEqual(expect.arrayContaining([2023, 2024]));
    expect(['2023-01-27', '2023-01-29', '2023-10-06', '2023-10-07'].map((d) => calendar.isWorkingDay(d))).toEqual([false, true, false, true]);
  });

  test('2025 and 2026 are official; 2027 is provisional until its schedule is loaded', () => {
    expect([calendar.isProvisional(2025), calendar.isProvisional(2026), calendar.isProvisional(2027)]).toEqual([false, false, true]);
    expect(calendar.status('2026-11-30')).toEqual({ officialYears: expect.arrayContaining([2025, 2026]), provisionalYears: [2027] });
  });

  test('fault 5: 1 January 2027 is a day off, and a deadline counted across it says it is provisional', () => {
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    // Thu 24 Dec 2026 + 5 wd: 25, 28, 29, 30, 31 Dec — then 4 Jan, 1 Jan being New Year's Day.
    expect(calendar.deadline('2026-12-24', 6)).toEqual({ date: '2027-01-04', provisional: true });
    expect(calendar.deadline('2026-12-01', 5)).toEqual({ date: '2026-12-08', provisional: false });
  });

  test('an administrator override wins over the published data', () => {
    const extended = new WorkingDayCalendar({ overrides: [['2026-03-16', false]] });
    expect(extended.addWorkingDays('2026-03-13', 1)).toBe('2026-03-17');
  });
});

describe('provisional years — 全国年节及纪念日放假办法 (2024 revision) art.2, art.6', () => {
  const days = (year: number) =>
    Object.fromEntries(
      statutoryHolidays(year)
        .filter((h) => !h.name.endsWith('补假'))
        .map((h) => [h.name, [h.from, h.to]]),
    );
  test('2027: lunar dates and the 清明 solar term computed', () => {
    expect(days(2027)).toEqual({
      "元旦 New Year's Day": ['2027-01-01', '2027-01-01'],
      '春节 Spring Festival': ['2027-02-05', '2027-02-08'],
      '清明 Tomb-sweeping Day': ['2027-04-05', '2027-04-05'],
      '劳动节 Labour Day': ['2027-05-01', '2027-05-02'],
      '端午 Dragon Boat Festival': ['2027-06-09', '2027-06-09'],
      '中秋 Mid-autumn Festival': ['2027-09-15', '2027-09-15'],
      '国庆节 National Day': ['2027-10-01', '2027-10-03'],
    });
  });

  test('art.6: a holiday on a weekend is made up (补假) on the next working days', () => {
    const madeUp = (year: number) =>
      statutoryHolidays(year)
        .filter((h) => h.name.endsWith('补假'))
        .map((h) => h.from);
    expect(madeUp(2027)).toEqual(['2027-02-09', '2027-02-10', '2027-05-03', '2027-05-04', '2027-10-04', '2027-10-05']);
  });

  test('art.6: Mid-Autumn on a National Day (2028-10-03) is made up too', () => {
    expect(
      statutoryHolidays(2028)
        .filter((h) => h.from >= '2028-10-01' && h.from <= '2028-10-31')
        .map((h) => [h.name, h.from]),
    ).toEqual([
      ['国庆节 National Day', '2028-10-01'],
      ['国庆节 National Day 补假', '2028-10-04'],
      ['中秋 Mid-autumn Festival', '2028-10-03'],
      ['中秋 Mid-autumn Festival 补假', '2028-10-05'],
    ]);
  });

  test('a 29-day twelfth month: 除夕 is the day before 正月初一 (2028-01-25)', () => {
    expect(days(2028)['春节 Spring Festival']).toEqual(['2028-01-25', '2028-01-28']);
  });

  test.each([2025, 2026])('every statutory day of %i is a day off in the official schedule', (year) => {
    const official = parseYearFile(readFileSync(path.join(SHIPPED_CALENDAR_DIRECTORY, `${year}.json`), 'utf8'), `${year}.json`);
    const statutory = [...provisionalYear(year).daysOff.keys()];
    expect(statutory.length).toBeGreaterThanOrEqual(13);
    expect(statutory.filter((date) => !official.daysOff.has(date))).toEqual([]);
  });

  test('no make-up working day is guessed: weekends are days off, weekdays outside the holidays and 补假 working days', () => {
    const calendar = new WorkingDayCalendar();
    expect(['2027-02-06', '2027-02-08', '2027-02-10', '2027-02-11', '2027-02-20'].map((d) => calendar.isWorkingDay(d))).toEqual([
      false,
      false,
      false,
      true,
      false,
    ]);
  });
});

describe('year files — an administrator adds or replaces a year (CALENDAR_DIR)', () => {
  test('an official 2027 file replaces the provisional year', () => {
    const dir = directory();
    writeYear(dir, 2027, OFFICIAL_2027);
    const calendar = calendarFromEnvironment({ CALENDAR_DIR: dir });
    expect(calendar.isProvisional(2027)).toBe(false);
    expect(['2027-02-09', '2027-02-20'].map((d) => calendar.isWorkingDay(d))).toEqual([false, true]);
    expect(calendar.deadline('2026-12-24', 6)).toEqual({ date: '2027-01-04', provisional: false });
  });

  test('a year file replaces a shipped year', () => {
    const dir = directory();
    writeYear(dir, 2026, { holidays: [], workdays: [] });
    expect(calendarFromEnvironment({ CALENDAR_DIR: dir }).isWorkingDay('2026-10-01')).toBe(true);
  });

  test.each([
    ['a date outside the year', { holidays: [{ name: 'x', from: '2028-01-01' }], workdays: [] }, /must be a YYYY-MM-DD date of 2027/],
    [
      'a day both off and working',
      { holidays: [{ name: 'x', from: '2027-01-01' }], workdays: [{ name: 'y', date: '2027-01-01' }] },
      /both a holiday and a working day/,
    ],
    ['an unnamed holiday', { holidays: [{ from: '2027-01-01' }], workdays: [] }, /names its holiday/],
    ['a range ending before it starts', { holidays: [{ name: 'x', from: '2027-01-03', to: '2027-01-01' }], workdays: [] }, /ends before it starts/],
  ])('%s stops the service from starting with a clear message', (_why, content, message) => {
    const dir = directory();
    writeYear(dir, 2027, content);
    expect(() => calendarFromEnvironment({ CALENDAR_DIR: dir })).toThrow(message);
  });

  test('a file named for another year is refused', () => {
    const dir = directory();
    writeFileSync(path.join(dir, '2028.json'), JSON.stringify({ year: 2027, holidays: [], workdays: [] }));
    expect(() => calendarFromEnvironment({ CALENDAR_DIR: dir })).toThrow(/named 2027.json/);
  });

  test('CALENDAR_OVERRIDES still corrects single days, over every year', () => {
    const file = path.join(directory(), 'overrides.json');
    writeFileSync(file, JSON.stringify({ '2027-10-01': true, '2027-10-09': true }));
    const calendar = calendarFromEnvironment({ CALENDAR_OVERRIDES: file });
    expect([calendar.isWorkingDay('2027-10-01'), calendar.isWorkingDay('2027-10-09')]).toEqual([true, true]);
    writeFileSync(file, JSON.stringify({ '2027-10-01': 'no' }));
    expect(() => calendarFromEnvironment({ CALENDAR_OVERRIDES: file })).toThrow(/must map a YYYY-MM-DD date/);
  });
});

describe('reload — the schedule changes without a release', () => {
  test('reload() reads a new year file and tells the listeners, which recompute their deadlines', async () => {
    const dir = directory();
    const calendar = calendarFromEnvironment({ CALENDAR_DIR: dir });
    const heard: boolean[] = [];
    calendar.onReload(async () => heard.push(calendar.isProvisional(2027)));
    expect(calendar.deadline('2027-01-29', 5)).toEqual({ date: '2027-02-11', provisional: true });
    writeYear(dir, 2027, OFFICIAL_2027);
    await calendar.reload();
    expect(heard).toEqual([false]);
    expect(calendar.deadline('2027-01-29', 5)).toEqual({ date: '2027-02-15', provisional: false });
  });

  test('a wrong file leaves the previous calendar in use', async () => {
    const dir = directory();
    writeYear(dir, 2027, OFFICIAL_2027);
    const calendar = calendarFromEnvironment({ CALENDAR_DIR: dir });
    writeFileSync(path.join(dir, '2027.json'), '{ "year": 2027, ');
    await expect(calendar.reload()).rejects.toThrow(/not JSON/);
    expect(calendar.isProvisional(2027)).toBe(false);
  });

  test('SIGHUP reloads', async () => {
    const dir = directory();
    const calendar = calendarFromEnvironment({ CALENDAR_DIR: dir });
    const log = { info: jest.fn(), error: jest.fn() };
    const stop = reloadCalendarOnSignal(calendar, log, () => '2026-12-01');
    try {
      writeYear(dir, 2027, OFFICIAL_2027);
      process.emit('SIGHUP', 'SIGHUP');
      await new Promise((resolve) => setImmediate(resolve));
      expect(calendar.isProvisional(2027)).toBe(false);
      expect(log.info).toHaveBeenCalledWith({ officialYears: expect.arrayContaining([2026, 2027]), provisionalYears: [] }, 'working-day calendar reloaded');
    } finally {
      stop();
    }
  });
});
