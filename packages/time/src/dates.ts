/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`) in China Standard Time. Every rule in the
 * regulations is stated in calendar dates, so the domain never handles instants: a string
 * compares, sorts and stores exactly like the date it names.
 */
export type IsoDate = string;

function toUtc(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

/** A month of the calendar, `YYYY-MM`: the unit of analytics periods. */
export const isYearMonth = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number of the digits `value[from]…value[from + count - 1]`, or -1 if one is not an ASCII digit. */
function digitsAt(value: string, from: number, count: number): number {
  let number = 0;
  for (let i = from; i < from + count; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

/**
 * A real calendar date in `YYYY-MM-DD`. Checked by arithmetic on the characters, without a
 * regular expression or its match: every Date input is checked (three times per claim line of an
 * audit, gateway and registry).
 */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const [year, month, day] = [digitsAt(value, 0, 4), digitsAt(value, 5, 2), digitsAt(value, 8, 2)];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const t = toUtc(date);
  t.setUTCDate(t.getUTCDate() + days);
  return fromUtc(t);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (1-31 + 1 month = 2-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(year, month, Math.min(d, lastDay))));
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function dayOfWeek(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

/** China keeps UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in China at the given instant (asked on every request: no Intl formatting). */
export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
