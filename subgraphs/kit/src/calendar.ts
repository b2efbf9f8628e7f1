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
