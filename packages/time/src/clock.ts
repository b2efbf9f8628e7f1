import { chinaDate, IsoDate } from './dates';

/** "Now" for the services. Injected, so tests and demos decide what today is, never the machine. */
export interface Clock {
  now(): Date;
  today(): IsoDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaDate(new Date()),
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
