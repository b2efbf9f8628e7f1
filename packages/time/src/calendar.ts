import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, dayOfWeek, isIsoDate, IsoDate, yearOf } from './dates';
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

/** The State Council's schedules shipped with the system, one `YYYY.json` per year. */
export const SHIPPED_CALENDAR_DIRECTORY = path.resolve(__dirname, '../calendar');

function dateRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/**
 * A year file: `{ "year": 2027, "source": "…", "holidays": [{ "name", "from", "to"? }],
 * "workdays": [{ "name", "date" }] }` (docs/calendar.md). Refused whole when any entry is wrong.
 */
export function parseYearFile(text: string, file: string): CalendarYear {
  const fail = (problem: string): never => {
    throw new Error(`${file}: ${problem}`);
  };
  let raw: { year?: unknown; source?: unknown; holidays?: unknown; workdays?: unknown };
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON (${(error as Error).message})`);
  }
  const year = raw.year;
  if (typeof year !== 'number' || !Number.isInteger(year)) return fail('"year" must be the year, e.g. 2027');
  if (path.basename(file) !== `${year}.json`) fail(`a file of year ${year} is named ${year}.json`);
  if (!Array.isArray(raw.holidays) || !Array.isArray(raw.workdays)) fail('"holidays" and "workdays" must be lists');
  const inYear = (date: unknown, what: string): IsoDate => {
    if (typeof date !== 'string' || !isIsoDate(date) || yearOf(date) !== year) fail(`${what} ${JSON.stringify(date)} must be a YYYY-MM-DD date of ${year}`);
    return date as IsoDate;
  };
  const name = (entry: { name?: unknown }) => (typeof entry.name === 'string' && entry.name.trim() ? entry.name : fail(`every entry names its holiday: ${JSON.stringify(entry)}`));
  const daysOff = new Map<IsoDate, string>();
  for (const entry of raw.holidays as { name?: unknown; from?: unknown; to?: unknown }[]) {
    const from = inYear(entry.from, 'holiday "from"');
    const to = entry.to === undefined ? from : inYear(entry.to, 'holiday "to"');
    if (to < from) fail(`holiday ${from}–${to} ends before it starts`);
    for (const date of dateRange(from, to)) daysOff.set(date, name(entry));
  }
  const workdays = new Map<IsoDate, string>();
  for (const entry of raw.workdays as { name?: unknown; date?: unknown }[]) {
    const date = inYear(entry.date, 'make-up working day');
    if (daysOff.has(date)) fail(`${date} is both a holiday and a working day`);
    workdays.set(date, name(entry));
  }
  return { year, official: true, source: typeof raw.source === 'string' ? raw.source : file, daysOff, workdays };
}

/** A year the State Council has not published yet (or not loaded): the statutory holidays, weekends off, no make-up days. */
export function provisionalYear(year: number): CalendarYear {
  const daysOff = new Map<IsoDate, string>();
  for (const holiday of statutoryHolidays(year)) for (const date of dateRange(holiday.from, holiday.to)) daysOff.set(date, holiday.name);
  return { year, official: false, source: '全国年节及纪念日放假办法 (2024) — provisional', daysOff, workdays: new Map() };
}

function readYearDirectory(directory: string): CalendarYear[] {
  if (!existsSync(directory)) throw new Error(`calendar directory ${directory} does not exist`);
  return readdirSync(directory)
    .filter((name) => /^\d{4}\.json$/.test(name))
    .sort()
    .map((name) => parseYearFile(readFileSync(path.join(directory, name), 'utf8'), path.join(directory, name)));
}

function readOverrides(file: string): Map<IsoDate, boolean> {
  const overrides = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return new Map(
    Object.entries(overrides).map(([date, working]) => {
      if (!isIsoDate(date) || typeof working !== 'boolean') throw new Error(`${file}: "${date}" must map a YYYY-MM-DD date to true (working) or false (day off)`);
      return [date, working];
    }),
  );
}

export interface CalendarSources {
  /** Year files that add or replace shipped years (`CALENDAR_DIR`). */
  directory?: string;
  /** Single days that win over every year (`CALENDAR_OVERRIDES`): a local correction. */
  overridesFile?: string;
  overrides?: Iterable<[IsoDate, boolean]>;
}

/** A deadline and whether it was counted across a provisional year. */
export interface Deadline {
  date: IsoDate;
  provisional: boolean;
}

/**
 * The official working-day calendar (工作日): State Council holidays are days off, make-up
 * weekend days (调休) are working days. Each year comes from its file — shipped, or from the
 * administrator's directory — and a year without one is provisional (statutory holidays only),
 * which every deadline counted across it says. `reload()` re-reads the files and tells the
 * subgraphs, which recompute the deadlines they store.
 */
export class WorkingDayCalendar {
  private official = new Map<number, CalendarYear>();
  private provisional = new Map<number, CalendarYear>();
  private overrides = new Map<IsoDate, boolean>();
  private readonly listeners = new Set<() => Promise<unknown>>();

  constructor(private readonly sources: CalendarSources = {}) {
    this.load();
  }

  /** Reads every source anew; a wrong file leaves the calendar as it was. */
  private load(): void {
    const official = new Map<number, CalendarYear>();
    for (const year of readYearDirectory(SHIPPED_CALENDAR_DIRECTORY)) official.set(year.year, year);
    if (this.sources.directory) for (const year of readYearDirectory(this.sources.directory)) official.set(year.year, year);
    const overrides = new Map(this.sources.overridesFile ? readOverrides(this.sources.overridesFile) : []);
    for (const [date, working] of this.sources.overrides ?? []) overrides.set(date, working);
    this.official = official;
    this.overrides = overrides;
    this.provisional = new Map();
  }

  /** Re-reads the year files and overrides, then lets every listener recompute what it derived from the old calendar. */
  async reload(): Promise<void> {
    this.load();
    await Promise.all([...this.listeners].map((listener) => listener()));
  }

  /** Called after every reload; returns the unsubscribe. */
  onReload(listener: () => Promise<unknown>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
    for (let remaining = Math.abs(count); remaining > 0; ) {
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
export type WorkingDays = Pick<WorkingDayCalendar, 'addWorkingDays' | 'workingDaysBetween' | 'deadline'>;

/**
 * The calendar the environment configures: `CALENDAR_DIR` names a directory of year files
 * (`2027.json`, …) that add or replace the shipped years; `CALENDAR_OVERRIDES` a JSON file of
 * single days `{ "2027-10-09": true, "2027-10-01": false }` that win over every year.
 */
export function calendarFromEnvironment(env: NodeJS.ProcessEnv = process.env): WorkingDayCalendar {
  return new WorkingDayCalendar({ directory: env.CALENDAR_DIR || undefined, overridesFile: env.CALENDAR_OVERRIDES || undefined });
}

/** SIGHUP re-reads the calendar (docs/calendar.md, Reload and recomputation); returns the unsubscribe. */
export function reloadCalendarOnSignal(calendar: WorkingDayCalendar, log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void }, today: () => IsoDate, signal: NodeJS.Signals = 'SIGHUP'): () => void {
  const reload = () => {
    calendar.reload().then(
      () => log.info(calendar.status(today()), 'working-day calendar reloaded'),
      (error) => log.error({ err: error }, 'working-day calendar reload failed (a wrong file leaves the previous calendar in use)'),
    );
  };
  process.on(signal, reload);
  return () => process.off(signal, reload);
}
