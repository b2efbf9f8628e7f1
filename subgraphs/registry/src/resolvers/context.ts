import type { RequestContext } from '@pq/kit';
import type { Loaders } from '../loaders';

export type Context = RequestContext<Loaders>;
