import { PERMISSIONS, runIdempotent } from '@pq/kit';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { registerPersonnel } from '../commands/register-personnel';
import { Person } from '../entities/person';
import { Registration } from '../entities/registration';
import type { Context } from './context';
import { Institution, RegisterPersonnelInput, RegisterPersonnelPayload } from './person.types';

@Resolver(() => Registration)
export class RegistrationResolver {
  @Authorized(PERMISSIONS.registerPersonnel)
  @Mutation(() => RegisterPersonnelPayload, { description: '批量登记备案 — an institution registers its personnel; all or nothing' })
  async registerPersonnel(@Arg('input') input: RegisterPersonnelInput, @Ctx() context: Context): Promise<RegisterPersonnelPayload> {
    const ids = await context.em.transactional((em) =>
      runIdempotent(em, 'registry', context.caller, 'registerPersonnel', input, () => registerPersonnel(em, context, input)),
    );
    return { registrations: (await context.loaders.registration.loadMany(ids)) as Registration[] };
  }

  @FieldResolver(() => Person, { description: '人员 — the registered person' })
  async person(@Root() registration: Registration, @Ctx() context: Context): Promise<Person> {
    return (await context.loaders.person.load(registration.personCode))!;
  }

  @FieldResolver(() => Institution, { description: '定点医药机构 — the institution (resolved by the agreements subgraph)' })
  institution(@Root() registration: Registration): Institution {
    return { code: registration.institutionCode };
  }

  @FieldResolver(() => Boolean, { description: '是否签署服务承诺 — without a signed commitment no fund-settled services (R8)' })
  commitmentSigned(@Root() registration: Registration): boolean {
    return Boolean(registration.commitmentSignedOn);
  }
}
