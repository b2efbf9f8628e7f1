/**
 * Calendar dates, the clock and the official working-day calendar: all the time the rules know.
 * No I/O, so pure domain code may import it; the calendar that reads its year files is at ./files (`@pq/time/files`).
 */
export * from './calendar';
export * from './clock';
export * from './dates';
export * from './statutory-holidays';
export * from './step-date';
// Types only: what holds a calendar names it without loading the file reading.
export type { CalendarSources, WorkingDayCalendar } from './files';
