import { runMutation } from '@pq/data';
import { DomainError } from '@pq/errors';
import { DateScalar, MAX_BATCH_ENTRIES } from '@pq/graphql';
import { PERMISSIONS } from './permissions';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { statusChange } from './person.resolver';
import { correctPersonData } from '../commands/correct-person-data';
import { registerPersonnel } from '../commands/register-personnel';
import { cancelRegistration, signCommitment } from '../commands/registration-changes';
import { Person } from '../entities/person';
import { personsAuditScope, registrationAuditScope } from '../repositories/audit-scope';
import { Registration } from '../entities/registration';
import type { Context } from './context';
import {
  CancelRegistrationInput,
  CancelRegistrationPayload,
  CorrectPersonDataInput,
  CorrectPersonDataPayload,
  Institution,
  RegisterPersonnelInput,
  RegisterPersonnelPayload,
  SignCommitmentInput,
  SignCommitmentPayload,
  StatusChange,
} from './person.types';

@Resolver(() => Registration)
export class RegistrationResolver {
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
