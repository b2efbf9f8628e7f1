import type { RequestContext } from '@pq/subgraph';
import type { Loaders } from '../loaders';

export type Context = RequestContext<Loaders>;
