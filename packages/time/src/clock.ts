import { chinaDate, IsoDate } from './dates';

/** "Now" for the services. Injected, so tests and demos decide what today is, never the machine. */
export interface Clock {
  now(): Date;
  today(): IsoDate;
}

/** Today's date in China and the instants it holds for (ms): asked per field of a page, worked out once a day. */
let known = { date: '', from: 0, until: 0 };

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => {
    const now = Date.now();
    if (now < known.from || now >= known.until) {
      const date = chinaDate(new Date(now));
      const from = Date.parse(`${date}T00:00:00+08:00`);
      known = { date, from, until: from + 24 * 60 * 60 * 1000 };
    }
    return known.date;
  },
};

/** A clock whose date is set by hand; the time of day still advances. */
export class ManualClock implements Clock {
  constructor(private date: IsoDate) {}
  set(date: IsoDate): void {
    this.date = date;
  }
  now(): Date {
    return new Date();
  }
  today(): IsoDate {
    return this.date;
  }
}
