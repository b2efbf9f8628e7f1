import { DateScalar, globalId, PageArgs, pageOf, toConnection } from '@pq/graphql';
import { addDays } from '@pq/time';
import { PERMISSIONS } from './permissions';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { maskIdNumber, maskPhone, PERSONNEL_CODE, RegistrationStatus } from '../domain/personnel';
import { Person } from '../entities/person';
import { Registration } from '../entities/registration';
import { StatusInterval } from '../entities/status-interval';
import { countPersons, personsPage } from '../repositories/persons';
import type { Context } from './context';
import { PersonConnection, PersonFilter, StatusChange } from './person.types';

@Resolver(() => Person)
export class PersonResolver {
  @Authorized(PERMISSIONS.person)
  @Query(() => Person, { nullable: true, description: '查询人员 — one person by personnel code' })
  person(@Arg('code', () => ID, { description: '代码 — the code' }) code: string, @Ctx() context: Context): Promise<Person | null> {
    return context.loaders.person.load(code);
  }

  @Authorized(PERMISSIONS.persons)
  @Query(() => PersonConnection, { description: '人员列表 — persons, filtered, in code order; pages forward (first, after) or back (last, before)' })
  async persons(
    @Ctx() context: Context,
    @Args() paging: PageArgs,
    @Arg('filter', () => PersonFilter, { nullable: true, description: '筛选 — filter' }) filter?: PersonFilter,
  ): Promise<PersonConnection> {
    const page = pageOf(paging, (key) => PERSONNEL_CODE.test(key));
    const rows = await personsPage(context.em, context.caller, filter ?? {}, page.key, page.size + 1, page.backward);
    for (const row of rows) context.loaders.person.prime(row.code, row);
    return toConnection(
      PersonConnection,
      rows,
      page.size,
      (p) => p.code,
      () => countPersons(context.em, context.caller, filter ?? {}),
      page,
    );
  }

  @FieldResolver(() => ID, { description: '全局标识 — global id, opaque: pass it to node(id:) (Relay)' })
  id(@Root() person: Person): string {
    return globalId('Person', person.code);
  }

  @FieldResolver(() => String, { description: '身份证件号码（脱敏） — ID number with birth date and sequence masked, e.g. 370102********123X' })
  idNumberMasked(@Root() person: Person): string {
    return maskIdNumber(person.idNumber);
  }

  @Authorized(PERMISSIONS.personalData)
  @FieldResolver(() => String, { description: '身份证件号码 — the full ID number; never for partners, and every read is audited' })
  async idNumber(@Root() person: Person, @Ctx() context: Context): Promise<string> {
    context.audit.record({ operation: 'read idNumber', target: person.code, scope: await context.loaders.auditScope.load(person.code) });
    return person.idNumber;
  }

  // Partners see the masked ID number: its hidden middle is the birth date.
  @Authorized(PERMISSIONS.personalData)
  @FieldResolver(() => DateScalar, { description: '出生日期 — birth date' })
  birthDate(@Root() person: Person): string {
    return person.birthDate;
  }

  @Authorized(PERMISSIONS.personalData)
  @FieldResolver(() => String, { nullable: true, description: '联系电话 — the full phone number; never for partners, and every read is audited' })
  async phone(@Root() person: Person, @Ctx() context: Context): Promise<string | null> {
    context.audit.record({ operation: 'read phone', target: person.code, scope: await context.loaders.auditScope.load(person.code) });
    return person.phone ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: '联系电话（脱敏） — phone with the middle digits masked' })
  phoneMasked(@Root() person: Person): string | null {
    return person.phone ? maskPhone(person.phone) : null;
  }

  @FieldResolver(() => [Registration], { description: '登记备案 — registrations at every institution, oldest first' })
  async registrations(
    @Root() person: Person,
    @Ctx() context: Context,
    @Arg('includeCancelled', () => Boolean, { nullable: true, defaultValue: false, description: '含已取消 — include cancelled registrations' })
    includeCancelled: boolean,
  ): Promise<Registration[]> {
    const all = await context.loaders.registrationsByPerson.load(person.code);
    return includeCancelled ? all : all.filter((r) => r.status !== RegistrationStatus.CANCELLED);
  }

  @FieldResolver(() => [StatusChange], { description: "状态变更记录 — the status part of the person's file (一医一档), oldest first" })
  async statusHistory(@Root() person: Person, @Ctx() context: Context): Promise<StatusChange[]> {
    const intervals = await context.loaders.statusHistoryByPerson.load(person.code);
    return intervals.map(statusChange);
  }
}

/** A stretch of a registration's history as the API shows it. */
export function statusChange(interval: StatusInterval): StatusChange {
  return {
    status: interval.status,
    statusAfterReview: interval.statusAfterReview,
    annulled: interval.annulled,
    from: interval.validFrom,
    until: interval.validTo ? addDays(interval.validTo, -1) : null,
    cause: interval.cause,
    basisDocument: interval.basisDocument ?? null,
    registrationId: interval.registrationId,
    institution: { code: interval.institutionCode },
  };
}
