import { Node, parseNodeId } from '@pq/graphql';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { findInstitution } from '../repositories/institutions';
import type { Context } from './context';
import { PERMISSIONS } from './permissions';
import { Institution } from './person.types';

/** The types whose global ids registry issues; registrations are nodes by their own UUID. */
const NODE_TYPES = ['Person', 'Institution'] as const;

@Resolver()
export class NodeResolver {
  @Authorized(PERMISSIONS.node)
  @Query(() => Node, {
    nullable: true,
    description:
      '按全局标识查询 — the object with this id (Relay): a person or an institution by its global id, a registration by its id; null when there is none, refused like person(code) when outside the caller’s scope',
  })
  async node(@Arg('id', () => ID, { description: '全局标识 — a global id, or a registration id' }) id: string, @Ctx() context: Context): Promise<Node | null> {
    const named = parseNodeId(id, NODE_TYPES);
    if ('uuid' in named) return (await context.loaders.registration.load(named.uuid)) as Node | null;
    if (named.type === 'Person') return (await context.loaders.person.load(named.key)) as Node | null;
    // Agreements resolves the institution's fields and its scope, as for institution(code).
    return (await findInstitution(context.em, named.key)) ? (Object.assign(new Institution(), { code: named.key }) as unknown as Node) : null;
  }
}
