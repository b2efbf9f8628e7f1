import { readFileSync } from 'node:fs';
import { isWorkday as isOfficialWorkday } from 'chinese-days';
import { addDays, IsoDate } from './dates';

/**
 * The official working-day calendar (工作日): State Council holidays are days off, make-up
 * weekend days (调休) are working days. The published schedule comes from the maintained
 * `chinese-days` data set; `overrides` let an administrator add a year the data set does not
 * know yet, and win over it.
 */
export class WorkingDayCalendar {
  private readonly overrides = new Map<IsoDate, boolean>();

  constructor(overrides: Iterable<[IsoDate, boolean]> = []) {
    for (const [date, working] of overrides) this.overrides.set(date, working);
  }

  setOverride(date: IsoDate, working: boolean): void {
    this.overrides.set(date, working);
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.overrides.get(date) ?? isOfficialWorkday(date);
  }

  /**
   * The date `count` working days after `start`, the start day itself not counted — how the
   * regulations count "within N working days of the decision".
   */
  addWorkingDays(start: IsoDate, count: number): IsoDate {
    const step = count >= 0 ? 1 : -1;
    let date = start;
    for (let remaining = Math.abs(count); remaining > 0; ) {
      date = addDays(date, step);
      if (this.isWorkingDay(date)) remaining--;
    }
    return date;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (this.isWorkingDay(date)) count++;
    return count;
  }
}

/** The working-day arithmetic pure rules need (they take it as an argument; the calendar provides it). */
export type WorkingDays = Pick<WorkingDayCalendar, 'addWorkingDays'>;

/**
 * The calendar with an administrator's overrides: `CALENDAR_OVERRIDES` names a JSON file of
 * `{ "2027-10-09": true, "2027-10-01": false }` — a year's State Council schedule, before the
 * data set publishes it, or a local correction. Every service reads the same file.
 */
export function calendarFromEnvironment(env: NodeJS.ProcessEnv = process.env): WorkingDayCalendar {
  const path = env.CALENDAR_OVERRIDES;
  if (!path) return new WorkingDayCalendar();
  const overrides = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const entries = Object.entries(overrides).map(([date, working]) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || typeof working !== 'boolean') throw new Error(`${path}: "${date}" must map a YYYY-MM-DD date to true (working) or false (day off)`);
    return [date, working] as [string, boolean];
  });
  return new WorkingDayCalendar(entries);
}
