import { runMutation } from '@pq/data';
import { DomainError } from '@pq/errors';
import { MAX_BATCH_ENTRIES, PageArgs, pageOf, toConnection } from '@pq/graphql';
import { PERMISSIONS } from './permissions';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { importInstitutions } from '../commands/import-institutions';
import { signRegionalAgreement } from '../commands/regional-agreement';
import { effectiveStatus } from '../domain/agreement-machine';
import { AgreementStatus, parseInstitutionCode } from '../domain/institution';
import { currentAgreementsByRegion } from '../domain/linkage';
import { Agreement } from '../entities/agreement';
import { AgreementMeasure } from '../entities/agreement-measure';
import { Institution } from '../entities/institution';
import { findAgreement } from '../repositories/agreements';
import { institutionPage } from '../repositories/institutions';
import { actorOf, Context } from './context';
import {
  ImportInstitutionsInput,
  ImportInstitutionsPayload,
  InstitutionConnection,
  InstitutionFilter,
  RegionalAgreementInput,
  RegionalAgreementPayload,
} from './institution.types';
import { institutionsAuditScope } from '../repositories/audit-scope';

@Resolver(() => Institution)
export class InstitutionResolver {
  @Authorized(PERMISSIONS.institution)
  @Query(() => Institution, { nullable: true, description: '查询定点医药机构 — one institution by its code' })
  institution(@Arg('code', () => ID, { description: '代码 — the code' }) code: string, @Ctx() context: Context): Promise<Institution | null> {
    return context.loaders.institution.load(code);
  }

  @Authorized(PERMISSIONS.institutions)
  @Query(() => InstitutionConnection, {
    description: '定点医药机构列表 — institutions, filtered, in code order; pages forward (first, after) or back (last, before)',
  })
  async institutions(
    @Ctx() context: Context,
    @Args() paging: PageArgs,
    @Arg('filter', () => InstitutionFilter, { nullable: true, description: '筛选 — filter' }) filter?: InstitutionFilter,
  ): Promise<InstitutionConnection> {
    const page = pageOf(paging, (key) => parseInstitutionCode(key) !== null);
    const { rows, count } = await institutionPage(
      context.em,
      context.caller,
      { ...filter, today: context.clock.today() },
      page.key ?? null,
      page.size,
      page.backward,
    );
    for (const row of rows) context.loaders.institution.prime(row.code, row);
    return toConnection(InstitutionConnection, rows, page.size, (i) => i.code, count, page);
  }

  @Authorized(PERMISSIONS.importInstitutions)
  @Mutation(() => ImportInstitutionsPayload, { description: '导入存量定点机构 — import institutions already designated, with their current agreement' })
  async importInstitutions(
    @Arg('input', { description: '输入 — the input of this operation' }) input: ImportInstitutionsInput,
    @Ctx() context: Context,
  ): Promise<ImportInstitutionsPayload> {
    if (input.institutions.length > MAX_BATCH_ENTRIES) throw new DomainError('BATCH_TOO_LARGE', `at most ${MAX_BATCH_ENTRIES} institutions per call`);
    const codes = await runMutation(context, 'agreements', 'importInstitutions', input, (em) => importInstitutions(em, actorOf(context), input.institutions), {
      target: (imported) => imported.join(', '),
      scope: (imported, em) => institutionsAuditScope(em, imported),
    });
    const institutions = await context.loaders.institution.loadMany(codes);
    return { institutions: institutions as Institution[] };
  }

  @Authorized(PERMISSIONS.importInstitutions)
  @Mutation(() => RegionalAgreementPayload, {
    description:
      "签订其他统筹地区医保协议 — sign or bring in an institution's agreement with another co-ordination region, while its home agreement is in force; the same region and first day name the same agreement (003 art.33)",
  })
  async signRegionalAgreement(
    @Arg('input', { description: '输入 — the input of this operation' }) input: RegionalAgreementInput,
    @Ctx() context: Context,
  ): Promise<RegionalAgreementPayload> {
    const id = await runMutation(context, 'agreements', 'signRegionalAgreement', input, (em) => signRegionalAgreement(em, actorOf(context), input), {
      target: () => `${input.institutionCode}@${input.regionCode}`,
      scope: (_id, em) => institutionsAuditScope(em, [input.institutionCode]),
    });
    const institution = await context.loaders.institution.load(input.institutionCode);
    return { institution: institution!, agreement: await findAgreement(context.em, id) };
  }

  @FieldResolver(() => Agreement, {
    nullable: true,
    description: "当前协议 — the current agreement with the institution's own region (the latest by start date)",
  })
  async agreement(@Root() institution: Institution, @Ctx() context: Context): Promise<Agreement | null> {
    const history = await context.loaders.agreementsByInstitution.load(institution.code);
    return history.filter((a) => a.regionCode === institution.regionCode).at(-1) ?? null;
  }

  @FieldResolver(() => [Agreement], {
    description:
      "各统筹地区当前协议 — the current agreement with each co-ordination region: the institution's own region first, then the others by region code (003 art.33)",
  })
  async regionalAgreements(@Root() institution: Institution, @Ctx() context: Context): Promise<Agreement[]> {
    return currentAgreementsByRegion(await context.loaders.agreementsByInstitution.load(institution.code), institution.regionCode);
  }

  @FieldResolver(() => [AgreementMeasure], { description: '协议处理记录 — suspensions, resumptions, terminations and renewals, oldest first' })
  measures(@Root() institution: Institution, @Ctx() context: Context): Promise<AgreementMeasure[]> {
    return context.loaders.measuresByInstitution.load(institution.code);
  }

  @FieldResolver(() => [Agreement], { description: '协议历史 — every agreement of the institution, with every region, oldest first' })
  agreements(@Root() institution: Institution, @Ctx() context: Context): Promise<Agreement[]> {
    return context.loaders.agreementsByInstitution.load(institution.code);
  }
}

@Resolver(() => Agreement)
export class AgreementResolver {
  @FieldResolver(() => AgreementStatus, {
    description: '协议状态 — status today: an active agreement past its end is expired, unless a renewal is being decided (G9)',
  })
  status(@Root() agreement: Agreement, @Ctx() context: Context): AgreementStatus {
    return effectiveStatus(agreement, context.clock.today());
  }
}
