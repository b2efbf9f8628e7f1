import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CalendarYear, datesFromTo, YearCalendar } from './calendar';
import { isIsoDate, IsoDate, yearOf } from './dates';

/** The State Council's schedules shipped with the system, one `YYYY.json` per year. */
export const SHIPPED_CALENDAR_DIRECTORY = path.resolve(__dirname, '../calendar');

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
  const name = (entry: { name?: unknown }) =>
    typeof entry.name === 'string' && entry.name.trim() ? entry.name : fail(`every entry names its holiday: ${JSON.stringify(entry)}`);
  const daysOff = new Map<IsoDate, string>();
  for (const entry of raw.holidays as { name?: unknown; from?: unknown; to?: unknown }[]) {
    const from = inYear(entry.from, 'holiday "from"');
    const to = entry.to === undefined ? from : inYear(entry.to, 'holiday "to"');
    if (to < from) fail(`holiday ${from}–${to} ends before it starts`);
    for (const date of datesFromTo(from, to)) daysOff.set(date, name(entry));
  }
  const workdays = new Map<IsoDate, string>();
  for (const entry of raw.workdays as { name?: unknown; date?: unknown }[]) {
    const date = inYear(entry.date, 'make-up working day');
    if (daysOff.has(date)) fail(`${date} is both a holiday and a working day`);
    workdays.set(date, name(entry));
  }
  return { year, official: true, source: typeof raw.source === 'string' ? raw.source : file, daysOff, workdays };
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
      if (!isIsoDate(date) || typeof working !== 'boolean')
        throw new Error(`${file}: "${date}" must map a YYYY-MM-DD date to true (working) or false (day off)`);
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

/**
 * The official working-day calendar (工作日): State Council holidays are days off, make-up
 * weekend days (调休) are working days. Each year comes from its file — shipped, or from the
 * administrator's directory — and a year without one is provisional (statutory holidays only),
 * which every deadline counted across it says. `reload()` re-reads the files and tells the
 * subgraphs, which recompute the deadlines they store.
 */
export class WorkingDayCalendar extends YearCalendar {
  private readonly listeners = new Set<() => Promise<unknown>>();

  constructor(private readonly sources: CalendarSources = {}) {
    super();
    this.load();
  }

  /** Reads every source anew; a wrong file leaves the calendar as it was. */
  private load(): void {
    const years = [...readYearDirectory(SHIPPED_CALENDAR_DIRECTORY), ...(this.sources.directory ? readYearDirectory(this.sources.directory) : [])];
    const overrides = [...(this.sources.overridesFile ? readOverrides(this.sources.overridesFile) : []), ...(this.sources.overrides ?? [])];
    this.use(years, overrides);
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
}

/**
 * The calendar the environment configures: `CALENDAR_DIR` names a directory of year files
 * (`2027.json`, …) that add or replace the shipped years; `CALENDAR_OVERRIDES` a JSON file of
 * single days `{ "2027-10-09": true, "2027-10-01": false }` that win over every year.
 */
export function calendarFromEnvironment(env: NodeJS.ProcessEnv = process.env): WorkingDayCalendar {
  return new WorkingDayCalendar({ directory: env.CALENDAR_DIR || undefined, overridesFile: env.CALENDAR_OVERRIDES || undefined });
}

/** SIGHUP re-reads the calendar (docs/calendar.md, Reload and recomputation); returns the unsubscribe. */
export function reloadCalendarOnSignal(
  calendar: WorkingDayCalendar,
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
  today: () => IsoDate,
  signal: NodeJS.Signals = 'SIGHUP',
): () => void {
  const reload = () => {
    calendar.reload().then(
      () => log.info(calendar.status(today()), 'working-day calendar reloaded'),
      (error) => log.error({ err: error }, 'working-day calendar reload failed (a wrong file leaves the previous calendar in use)'),
    );
  };
  process.on(signal, reload);
  return () => process.off(signal, reload);
}
