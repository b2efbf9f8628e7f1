import { addDays, dayOfWeek, IsoDate, yearOf } from './dates';
import { statutoryHolidays } from './statutory-holidays';

/** The schedule of one year: its days off and its make-up working days (调休), by date, with the holiday's name. */
export interface CalendarYear {
  year: number;
  /** False: built from the statutory holidays alone, while the State Council's schedule is not loaded (provisional). */
  official: boolean;
  source: string;
  daysOff: Map<IsoDate, string>;
  workdays: Map<IsoDate, string>;
}

/** Every date from `from` to `to`, both included. */
export function datesFromTo(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** A year the State Council has not published yet (or not loaded): the statutory holidays, weekends off, no make-up days. */
export function provisionalYear(year: number): CalendarYear {
  const daysOff = new Map<IsoDate, string>();
  for (const holiday of statutoryHolidays(year)) for (const date of datesFromTo(holiday.from, holiday.to)) daysOff.set(date, holiday.name);
  return { year, official: false, source: '全国年节及纪念日放假办法 (2024) — provisional', daysOff, workdays: new Map() };
}

/** A deadline and whether it was counted across a provisional year. */
export interface Deadline {
  date: IsoDate;
  provisional: boolean;
}

/**
 * Working-day arithmetic (工作日) over the years given: State Council holidays are days off,
 * make-up weekend days (调休) are working days, and a year not given is provisional (statutory
 * holidays only), which every deadline counted across it says. Where the years come from is
 * `WorkingDayCalendar`'s business (./files).
 */
export class YearCalendar {
  private official = new Map<number, CalendarYear>();
  private provisional = new Map<number, CalendarYear>();
  private overrides = new Map<IsoDate, boolean>();

  constructor(years: Iterable<CalendarYear> = [], overrides: Iterable<[IsoDate, boolean]> = []) {
    this.use(years, overrides);
  }

  /** Replaces the official years and the single-day overrides (which win over every year). */
  protected use(years: Iterable<CalendarYear>, overrides: Iterable<[IsoDate, boolean]>): void {
    this.official = new Map([...years].map((year) => [year.year, year]));
    this.overrides = new Map(overrides);
    this.provisional = new Map();
  }

  year(year: number): CalendarYear {
    const official = this.official.get(year);
    if (official) return official;
    let built = this.provisional.get(year);
    if (!built) this.provisional.set(year, (built = provisionalYear(year)));
    return built;
  }

  isProvisional(year: number): boolean {
    return !this.official.has(year);
  }

  /** Whether counting from `from` (exclusive) to `to` met a day of a provisional year, in either direction. */
  provisionalBetween(from: IsoDate, to: IsoDate): boolean {
    const [first, last] = from <= to ? [addDays(from, 1), to] : [to, addDays(from, -1)];
    for (let year = yearOf(first); year <= yearOf(last); year++) if (this.isProvisional(year)) return true;
    return false;
  }

  isWorkingDay(date: IsoDate): boolean {
    const override = this.overrides.get(date);
    if (override !== undefined) return override;
    const year = this.year(yearOf(date));
    if (year.workdays.has(date)) return true;
    if (year.daysOff.has(date)) return false;
    const weekday = dayOfWeek(date);
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The date `count` working days after `start`, the start day itself not counted — how the
   * regulations count "within N working days of the decision".
   */
  addWorkingDays(start: IsoDate, count: number): IsoDate {
    const step = count >= 0 ? 1 : -1;
    let date = start;
    for (let remaining = Math.abs(count); remaining > 0;) {
      date = addDays(date, step);
      if (this.isWorkingDay(date)) remaining--;
    }
    return date;
  }

  /** `addWorkingDays`, saying whether the count crossed a provisional year. */
  deadline(start: IsoDate, count: number): Deadline {
    const date = this.addWorkingDays(start, count);
    return { date, provisional: this.provisionalBetween(start, date) };
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (this.isWorkingDay(date)) count++;
    return count;
  }

  /**
   * For /ready and the logs: the years with the State Council's schedule, and the provisional
   * ones in use — this year and next without a file, and any other a deadline was counted on.
   */
  status(today: IsoDate): { officialYears: number[]; provisionalYears: number[] } {
    const thisYear = yearOf(today);
    const provisional = new Set([...this.provisional.keys(), ...[thisYear, thisYear + 1].filter((year) => this.isProvisional(year))]);
    return { officialYears: [...this.official.keys()].sort(), provisionalYears: [...provisional].sort() };
  }
}

/** The working-day arithmetic pure rules need (they take it as an argument; the calendar provides it). */
export type WorkingDays = Pick<YearCalendar, 'addWorkingDays' | 'workingDaysBetween' | 'deadline'>;
