import { DomainError } from '@pq/errors';
import { Field, ID, InterfaceType } from 'type-graphql';
import { isUuid } from './scalars';

/**
 * Relay's object identification: an object a client can fetch again by its id alone with
 * `node(id:)`. Types keyed by a code have an opaque global id; types with a UUID keep it.
 */
@InterfaceType('Node', { description: '节点 — an object a client can fetch again by its id alone with node(id:) (Relay)' })
export abstract class Node {
  @Field(() => ID, { description: '全局标识 — global id, opaque: pass it to node(id:)' })
  id!: string;
}

/** The global id of an object of `type` keyed by `key`: base64url of "Type:key". */
export function globalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/**
 * What a Node id names: a global id of one of `types`, or a UUID (an object whose own id is a
 * UUID). Anything else is the caller's mistake (BAD_USER_INPUT with the field `id`).
 */
export function parseNodeId<T extends string>(id: string, types: readonly T[]): { type: T; key: string } | { uuid: string } {
  if (isUuid(id)) return { uuid: id.toLowerCase() };
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const type = decoded.slice(0, colon) as T;
  const key = decoded.slice(colon + 1);
  if (colon < 0 || !key || !types.includes(type) || globalId(type, key) !== id)
    throw new DomainError('BAD_USER_INPUT', `${id} is not a node id`, { field: 'id' });
  return { type, key };
}
