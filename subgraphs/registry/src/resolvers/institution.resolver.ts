import { canSee, outOfScope } from '@pq/caller';
import { globalId, PageArgs, pageOf, toConnection } from '@pq/graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { PERSONNEL_CODE, RegistrationStatus } from '../domain/personnel';
import type { Context } from './context';
import { Institution, PersonConnection } from './person.types';

@Resolver(() => Institution)
export class InstitutionPersonnelResolver {
  @FieldResolver(() => PersonConnection, {
    description: '登记备案人员 — persons registered at the institution (not cancelled), in code order; pages forward (first, after) or back (last, before)',
  })
  async personnel(
    @Root() institution: Institution,
    @Ctx() context: Context,
    @Args() paging: PageArgs,
    @Arg('status', () => RegistrationStatus, { nullable: true, description: '登记备案状态 — only registrations with this status here' })
    status?: RegistrationStatus,
  ): Promise<PersonConnection> {
    if (!canSee(context.caller, { regionCodes: [institution.code.slice(1, 7)], institutionCodes: [institution.code], personCodes: [] }))
      throw outOfScope('institution', institution.code);
    const page = pageOf(paging, (key) => PERSONNEL_CODE.test(key));
    const registrationStatus = status ?? null;
    // Loaded with the pages of every other institution of the request (a list of institutions asks for many).
    const rows = await context.loaders.personnelPages.load({
      institutionCode: institution.code,
      status: registrationStatus,
      limit: page.size + 1,
      after: page.key ?? '',
      backward: page.backward,
    });
    for (const person of rows) context.loaders.person.prime(person.code, person);
    return toConnection(
      PersonConnection,
      rows,
      page.size,
      (p) => p.code,
      () => context.loaders.personnelCounts.load({ institutionCode: institution.code, status: registrationStatus }),
      page,
    );
  }

  @FieldResolver(() => ID, { description: '全局标识 — global id, opaque: pass it to node(id:) (Relay)' })
  id(@Root() institution: Institution): string {
    return globalId('Institution', institution.code);
  }
}
