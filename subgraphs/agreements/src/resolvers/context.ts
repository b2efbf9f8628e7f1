import type { RequestContext } from '@pq/subgraph';
import type { Actor } from '../commands/actor';
import type { Loaders } from '../loaders';

export type Context = RequestContext<Loaders>;

/** What a command is told of the request. */
export function actorOf({ caller, clock, calendar }: Context): Actor {
  return { caller, clock, calendar };
}
