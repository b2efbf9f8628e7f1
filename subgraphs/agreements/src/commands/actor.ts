import { assertActsFor, Caller, Clock, RequestContext, WorkingDays } from '@pq/kit';

/** All a command knows of the request: who acts, what day it is, which days are working days. */
export interface Actor {
  caller: Caller;
  clock: Clock;
  calendar: WorkingDays;
}

/** The agreements subgraph acting on its own (deadlines that act by themselves, G12). */
export function systemActor(sub: string, today: string): Pick<Actor, 'caller' | 'clock'> {
  return { caller: { sub, role: 'SERVICE', region: '' }, clock: { now: () => new Date(), today: () => today } };
}

/** An institution acts for itself only, an agency for its region (kit's check reads nothing but the caller). */
export function assertActorActsFor(actor: Pick<Actor, 'caller'>, institutionCode: string, regionCode: string): void {
  assertActsFor({ caller: actor.caller } as RequestContext, institutionCode, regionCode);
}
