import { canSee, outOfScope } from '@pq/caller';
import { decodeCursor, pageSize, toConnection } from '@pq/graphql';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { RegistrationStatus } from '../domain/personnel';
import type { Context } from './context';
import { Institution, PersonConnection } from './person.types';

@Resolver(() => Institution)
export class InstitutionPersonnelResolver {
  @FieldResolver(() => PersonConnection, { description: '登记备案人员 — persons registered at the institution (not cancelled), in code order' })
  async personnel(
    @Root() institution: Institution,
    @Ctx() context: Context,
    @Arg('status', () => RegistrationStatus, { nullable: true, description: '登记备案状态 — only registrations with this status here' })
    status?: RegistrationStatus,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: '每页条数 — page size (at most 500)' }) first: number | null = 50,
    @Arg('after', () => String, { nullable: true, description: '游标 — items after this cursor' }) after?: string,
  ): Promise<PersonConnection> {
    if (!canSee(context.caller, { regionCodes: [institution.code.slice(1, 7)], institutionCodes: [institution.code], personCodes: [] }))
      throw outOfScope('institution', institution.code);
    // Loaded with the pages of every other institution of the request (a list of institutions asks for many).
    const limit = pageSize(first);
    const registrationStatus = status ?? null;
    const rows = await context.loaders.personnelPages.load({
      institutionCode: institution.code,
      status: registrationStatus,
      limit: limit + 1,
      after: decodeCursor(after) ?? '',
    });
    for (const person of rows) context.loaders.person.prime(person.code, person);
    return toConnection(
      PersonConnection,
      rows,
      limit,
      (p) => p.code,
      () => context.loaders.personnelCounts.load({ institutionCode: institution.code, status: registrationStatus }),
    );
  }
}
