import { runMutation } from '@pq/data';
import { DomainError } from '@pq/errors';
import { DateScalar, decodeCursor, isUuid, MAX_BATCH_ENTRIES, pageSize, toConnection } from '@pq/graphql';
import { PERMISSIONS } from './permissions';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { statusChange } from './person.resolver';
import { correctPersonData } from '../commands/correct-person-data';
import { registerPersonnel } from '../commands/register-personnel';
import { cancelRegistration, signCommitment } from '../commands/registration-changes';
import { Person } from '../entities/person';
import { personsAuditScope, registrationAuditScope } from '../repositories/audit-scope';
import { Registration } from '../entities/registration';
import { countRegistrations, registrationsPage } from '../repositories/registrations';
import type { Context } from './context';
import {
  CancelRegistrationInput,
  CancelRegistrationPayload,
  CorrectPersonDataInput,
  CorrectPersonDataPayload,
  Institution,
  RegisterPersonnelInput,
  RegisterPersonnelPayload,
  RegistrationConnection,
  RegistrationFilter,
  SignCommitmentInput,
  SignCommitmentPayload,
  StatusChange,
} from './person.types';

@Resolver(() => Registration)
export class RegistrationResolver {
  @Authorized(PERMISSIONS.person)
  @Query(() => Registration, { nullable: true, description: '查询登记备案 — one registration by id' })
  registration(@Arg('id', () => ID, { description: '登记备案标识 — the registration id' }) id: string, @Ctx() context: Context): Promise<Registration | null> {
    return context.loaders.registration.load(id);
  }

  @Authorized(PERMISSIONS.persons)
  @Query(() => RegistrationConnection, { description: '登记备案列表 — registrations, filtered, in id order' })
  async registrations(
    @Ctx() context: Context,
    @Arg('filter', () => RegistrationFilter, { nullable: true, description: '筛选 — filter' }) filter?: RegistrationFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: '每页条数 — page size (at most 500)' }) first: number | null = 50,
    @Arg('after', () => String, { nullable: true, description: '游标 — items after this cursor' }) after?: string,
  ): Promise<RegistrationConnection> {
    const limit = pageSize(first);
    const rows = await registrationsPage(context.em, context.caller, filter ?? {}, decodeCursor(after, isUuid), limit + 1);
    for (const row of rows) context.loaders.registration.prime(row.id, row);
    return toConnection(
      RegistrationConnection,
      rows,
      limit,
      (r) => r.id,
      () => countRegistrations(context.em, context.caller, filter ?? {}),
    );
  }

  @Authorized(PERMISSIONS.registerPersonnel)
  @Mutation(() => RegisterPersonnelPayload, { description: '批量登记备案 — an institution registers its personnel; all or nothing' })
  async registerPersonnel(
    @Arg('input', { description: '输入 — the input of this operation' }) input: RegisterPersonnelInput,
    @Ctx() context: Context,
  ): Promise<RegisterPersonnelPayload> {
    if (input.people.length > MAX_BATCH_ENTRIES) throw new DomainError('BATCH_TOO_LARGE', `at most ${MAX_BATCH_ENTRIES} people per batch`);
    const ids = await runMutation(context, 'registry', 'registerPersonnel', input, (em) => registerPersonnel(em, context, input), {
      target: () => `${input.institutionCode}: ${input.people.map((p) => p.code).join(', ')}`,
      scope: (_ids, em) =>
        personsAuditScope(
          em,
          input.people.map((p) => p.code),
        ),
    });
    return { registrations: (await context.loaders.registration.loadMany(ids)) as Registration[] };
  }

  @Authorized(PERMISSIONS.signCommitment)
  @Mutation(() => SignCommitmentPayload, { description: '签署服务承诺 — record the service commitment of a registration (R8)' })
  async signCommitment(
    @Arg('input', { description: '输入 — the input of this operation' }) input: SignCommitmentInput,
    @Ctx() context: Context,
  ): Promise<SignCommitmentPayload> {
    const id = await runMutation(context, 'registry', 'signCommitment', input, (em) => signCommitment(em, context, input), {
      target: () => input.registrationId,
      scope: (registrationId, em) => registrationAuditScope(em, registrationId),
    });
    return { registration: (await context.loaders.registration.load(id))! };
  }

  @Authorized(PERMISSIONS.cancelRegistration)
  @Mutation(() => CancelRegistrationPayload, { description: '取消登记备案 — the institution cancels the registration of a person who left (R4)' })
  async cancelRegistration(
    @Arg('input', { description: '输入 — the input of this operation' }) input: CancelRegistrationInput,
    @Ctx() context: Context,
  ): Promise<CancelRegistrationPayload> {
    const id = await runMutation(context, 'registry', 'cancelRegistration', input, (em) => cancelRegistration(em, context, input), {
      target: () => input.registrationId,
      scope: (registrationId, em) => registrationAuditScope(em, registrationId),
    });
    return { registration: (await context.loaders.registration.load(id))! };
  }

  @Authorized(PERMISSIONS.correctPersonData)
  @Mutation(() => CorrectPersonDataPayload, {
    description: "更正人员信息 — the agency corrects a person's data on a basis document; no institution can (一医一档)",
  })
  async correctPersonData(
    @Arg('input', { description: '输入 — the input of this operation' }) input: CorrectPersonDataInput,
    @Ctx() context: Context,
  ): Promise<CorrectPersonDataPayload> {
    const result = await runMutation(context, 'registry', 'correctPersonData', input, (em) => correctPersonData(em, context, input), {
      target: ({ personCode, changed }) => `${personCode}: ${changed.join(', ')}`,
      basisDocument: input.basisDocument,
      scope: ({ personCode }, em) => personsAuditScope(em, [personCode]),
    });
    context.loaders.person.clear(result.personCode);
    return { person: (await context.loaders.person.load(result.personCode))!, correctedFields: result.changed };
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

  @FieldResolver(() => StatusChange, {
    nullable: true,
    description:
      '某日状态 — the status on a date as it was enforced, beside the status after review and whether an appeal annulled it, for the yearly liquidation (E3, 002 art.47–48); empty before the registration',
  })
  async statusOn(
    @Root() registration: Registration,
    @Ctx() context: Context,
    @Arg('date', () => DateScalar, { description: '日期 — the date' }) date: string,
  ): Promise<StatusChange | null> {
    const interval = await context.loaders.statusOn.load({ registrationId: registration.id, on: date });
    return interval && statusChange(interval);
  }
}
