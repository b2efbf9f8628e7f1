import { assertActsFor, Caller, Clock, RequestContext, WorkingDayCalendar } from '@pq/kit';

/** What a command knows of who asks and when: the caller and the service's clock and calendar. */
export interface Actor {
  caller: Caller;
  clock: Clock;
  calendar: WorkingDayCalendar;
}

/** An institution's staff act for their own institution only; agencies within their region prefix (kit's rule, which reads only the caller). */
export function assertActorActsFor(actor: Actor, institutionCode: string, regionCode: string): void {
  assertActsFor({ caller: actor.caller } as RequestContext, institutionCode, regionCode);
}
