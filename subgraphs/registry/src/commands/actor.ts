import type { Caller } from '@pq/caller';
import type { Clock, WorkingDayCalendar } from '@pq/time';

/** What a command knows of who asks and when: the caller and the service's clock and calendar. */
export interface Actor {
  caller: Caller;
  clock: Clock;
  calendar: WorkingDayCalendar;
}
