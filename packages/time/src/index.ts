/**
 * Calendar dates, the clock and the official working-day calendar: all the time the rules know.
 * No I/O beyond reading the calendar's year files, so pure domain code may import it.
 */
export * from './calendar';
export * from './clock';
export * from './dates';
export * from './statutory-holidays';
export * from './step-date';
