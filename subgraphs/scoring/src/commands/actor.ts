import { assertActsFor, Caller, Clock, RequestContext, WorkingDayCalendar } from '@pq/kit';

/** Who acts and when: all a command knows of the request that carries it. */
export interface Actor {
  caller: Caller;
  clock: Clock;
  calendar: WorkingDayCalendar;
}

/** An institution account acts for its own institution, an agency within its region (kit's check reads only the caller). */
export function assertActorActsFor(actor: Actor, institutionCode: string, regionCode: string): void {
  assertActsFor({ caller: actor.caller } as RequestContext, institutionCode, regionCode);
}
