import type { Caller } from '@pq/caller';
import type { Clock, WorkingDays } from '@pq/time';

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
