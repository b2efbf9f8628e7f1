import type { Caller } from '@pq/caller';
import type { Clock, WorkingDayCalendar } from '@pq/time';

/** Who acts and when: all a command knows of the request that carries it. */
export interface Actor {
  caller: Caller;
  clock: Clock;
  calendar: WorkingDayCalendar;
}
