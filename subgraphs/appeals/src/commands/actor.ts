import { Caller } from '@pq/caller';
import { DomainError } from '@pq/errors';
import { Clock, WorkingDays } from '@pq/time';

/** Who performs a command, and the clock and calendar they act by: all a command knows of its request. */
export interface Actor {
  caller: Caller;
  clock: Clock;
  calendar: WorkingDays;
}

/** The parties of an appeal, as far as who may act on it is concerned. */
export interface AppealParties {
  personCode?: string | null;
  institutionCode: string;
  regionCode: string;
}

/** Who may act on an appeal at all: agencies and the administration within their region, the appellant on their own. */
export function assertMayActOn(actor: Actor, appeal: AppealParties): void {
  const { caller } = actor;
  if (caller.role === 'PERSON' && caller.person !== appeal.personCode) throw new DomainError('FORBIDDEN', 'a person may act only on their own appeals');
  if (caller.role === 'INSTITUTION' && caller.institution !== appeal.institutionCode)
    throw new DomainError('FORBIDDEN', 'an institution may act only on its own appeals');
  if (!appeal.regionCode.startsWith(caller.region)) throw new DomainError('FORBIDDEN', `the appeal is outside the caller's region ${caller.region}`);
}
