import { assertRegionInScope } from '@pq/caller';
import { runMutation } from '@pq/data';
import { DomainError } from '@pq/errors';
import { DateScalar, decodeCursor, isUuid, pageSize, provisionalDeadlineDescription, toConnection } from '@pq/graphql';
import { addDays, addMonths, isIsoDate } from '@pq/time';
import { PERMISSIONS } from './permissions';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { submitDesignation, takeDesignationStep } from '../commands/designation';
import { setInpatientFundGate } from '../commands/fund-gate';
import { fileInformationChange, reviewInformationChange } from '../commands/information-change';
import { DesignationStatus, effectiveDesignationStatus, statusDeadline } from '../domain/designation';
import { DesignationApplication } from '../entities/designation-application';
import { DesignationStep } from '../entities/designation-step';
import { InformationChange } from '../entities/information-change';
import { Institution } from '../entities/institution';
import { countDesignationQueue, designationQueue, designationQueuePage, findApplication } from '../repositories/designations';
import { findInformationChange } from '../repositories/information-changes';
import { institutionsWithAgreementsIn } from '../repositories/institutions';
import { actorOf, Context } from './context';
import { auditScopeOfRow, institutionsAuditScope } from '../repositories/audit-scope';
import {
  DesignationApplicationConnection,
  DesignationFindings,
  DesignationPayload,
  DesignationStepInput,
  FundGateInput,
  InformationChangeInput,
  InformationChangePayload,
  ReviewInformationChangeInput,
  SubmitDesignationInput,
} from './designation.types';

/** The most applications the unpaged work queue answers; a longer queue is paged with designationQueuePage. */
const DESIGNATION_QUEUE_LENGTH = 500;

async function designation(
  context: Context,
  operation: string,
  input: { idempotencyKey?: string | null },
  perform: (em: Context['em']) => Promise<string>,
): Promise<DesignationPayload> {
  const id = await runMutation(context, 'agreements', operation, input, perform, {
    target: (applicationId) => applicationId,
    scope: (applicationId, em) => auditScopeOfRow(em, 'designation_application', applicationId),
  });
  return { application: (await findApplication(context.em, id))! };
}

@Resolver(() => DesignationApplication)
export class DesignationResolver {
  @Authorized(PERMISSIONS.designation)
  @Mutation(() => DesignationPayload, {
    description: '提交定点申请 — submit an application; conditions, materials, history and the fund gate are checked (G2–G4, G11)',
  })
  submitDesignation(
    @Arg('input', { description: '输入 — the input of this operation' }) input: SubmitDesignationInput,
    @Ctx() context: Context,
  ): Promise<DesignationPayload> {
    return designation(context, 'submitDesignation', input, (em) => submitDesignation(em, actorOf(context), input));
  }

  @Authorized(PERMISSIONS.designation)
  @Mutation(() => DesignationPayload, {
    description: '申请处理 — the next step: review, supplement, evaluation, publicity, decision, negotiation, signing, IT hook-up (G5–G8)',
  })
  designationStep(
    @Arg('input', { description: '输入 — the input of this operation' }) input: DesignationStepInput,
    @Ctx() context: Context,
  ): Promise<DesignationPayload> {
    return designation(context, 'designationStep', input, (em) => takeDesignationStep(em, actorOf(context), input));
  }

  @Authorized(PERMISSIONS.agreementMeasures)
  @Mutation(() => Boolean, { description: '基金闸门 — close or open inpatient designations for a region and year (G11)' })
  async setFundGate(@Arg('input', { description: '输入 — the input of this operation' }) input: FundGateInput, @Ctx() context: Context): Promise<boolean> {
    await runMutation(
      context,
      'agreements',
      'setFundGate',
      input,
      async (em) => {
        await setInpatientFundGate(em, actorOf(context), input);
        return true;
      },
      { target: () => `${input.regionPrefix}/${input.year}`, scope: async () => ({ regionCodes: [input.regionPrefix], institutionCodes: [] }) },
    );
    return true;
  }

  @Authorized(PERMISSIONS.designationQueue)
  @Query(() => [DesignationApplication], {
    description: `定点申请工作队列 — open applications (signed ones until their IT hook-up) by the deadline of their next step; overdue first; more than ${DESIGNATION_QUEUE_LENGTH} are refused (RESULT_TOO_LARGE), never cut short: page them with designationQueuePage`,
  })
  async designationQueue(
    @Ctx() context: Context,
    @Arg('regionPrefix', { nullable: true, description: '区划前缀 — region-code prefix, e.g. "37" or "3708"' }) regionPrefix?: string,
    @Arg('dueBefore', () => DateScalar, { nullable: true, description: '到期日之前 — due on or before this date' }) dueBefore?: string,
  ): Promise<DesignationApplication[]> {
    const region = regionPrefix ?? context.caller.region;
    assertRegionInScope(context.caller, region);
    const queue = await designationQueue(context.em, region, dueBefore ?? null, DESIGNATION_QUEUE_LENGTH + 1);
    if (queue.length > DESIGNATION_QUEUE_LENGTH) {
      throw new DomainError(
        'RESULT_TOO_LARGE',
        `more than ${DESIGNATION_QUEUE_LENGTH} open applications in region ${region}: page them with designationQueuePage(first, after)`,
      );
    }
    return queue;
  }

  @Authorized(PERMISSIONS.designationQueue)
  @Query(() => DesignationApplicationConnection, {
    description:
      '定点申请工作队列（分页） — open applications by the deadline of their next step, overdue first, those without a deadline last; every one, in pages',
  })
  async designationQueuePage(
    @Ctx() context: Context,
    @Arg('regionPrefix', { nullable: true, description: '区划前缀 — region-code prefix, e.g. "37" or "3708"' }) regionPrefix?: string,
    @Arg('dueBefore', () => DateScalar, { nullable: true, description: '到期日之前 — due on or before this date' }) dueBefore?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: '每页条数 — page size (at most 500)' }) first: number | null = 50,
    @Arg('after', () => String, { nullable: true, description: '游标 — applications after this cursor' }) after?: string,
  ): Promise<DesignationApplicationConnection> {
    const region = regionPrefix ?? context.caller.region;
    assertRegionInScope(context.caller, region);
    const limit = pageSize(first);
    const cursor = decodeCursor(after, (key) => {
      const [dueBy, id] = key.split('|');
      return (dueBy === '' || isIsoDate(dueBy)) && isUuid(id ?? '');
    })?.split('|');
    const rows = await designationQueuePage(context.em, region, dueBefore ?? null, cursor && { dueBy: cursor[0] || null, id: cursor[1] }, limit + 1);
    return toConnection(
      DesignationApplicationConnection,
      rows,
      limit,
      (application) => `${application.dueBy ?? ''}|${application.id}`,
      () => countDesignationQueue(context.em, region, dueBefore ?? null),
    );
  }

  @Authorized(PERMISSIONS.institutions)
  @Query(() => [Institution], {
    description:
      '定点医药机构名单 — the monthly public list: institutions with an agreement with the regions of the prefix in force during the month, wherever they are (G8, 003 art.33)',
  })
  async designatedInstitutions(
    @Ctx() context: Context,
    @Arg('regionPrefix', { description: '区划前缀 — region-code prefix, e.g. "37" or "3708"' }) regionPrefix: string,
    @Arg('month', { description: '月份 — the month, YYYY-MM' }) month: string,
  ): Promise<Institution[]> {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new DomainError('BAD_USER_INPUT', 'month is YYYY-MM');
    const first = `${month}-01`;
    const last = addDays(addMonths(first, 1), -1);
    return institutionsWithAgreementsIn(context.em, regionPrefix, first, last);
  }

  @FieldResolver(() => DesignationStatus, { description: '申请状态 — where the application stands (lapsed once a supplement or signing deadline passed)' })
  status(@Root() application: DesignationApplication, @Ctx() context: Context): DesignationStatus {
    return effectiveDesignationStatus(application.status, application.dueBy ?? null, context.clock.today());
  }

  @FieldResolver(() => Boolean, { description: provisionalDeadlineDescription('当前环节截止日期', 'dueBy') })
  async dueByProvisional(@Root() application: DesignationApplication, @Ctx() context: Context): Promise<boolean> {
    if (!application.dueBy) return false;
    const steps = await context.loaders.designationSteps.load(application.id);
    const enteredOn = steps[steps.length - 1]?.happenedOn ?? application.submittedOn;
    return statusDeadline(application.status, enteredOn, context.calendar).workingDays && context.calendar.provisionalBetween(enteredOn, application.dueBy);
  }

  @FieldResolver(() => DesignationFindings, { description: '审查发现 — conditions not met, reasons not to accept, documents missing' })
  findings(@Root() application: DesignationApplication): DesignationFindings {
    return application.findings;
  }

  @FieldResolver(() => [DesignationStep], { description: '处理记录 — every step with actor and date, oldest first' })
  steps(@Root() application: DesignationApplication, @Ctx() context: Context): Promise<DesignationStep[]> {
    return context.loaders.designationSteps.load(application.id);
  }
}

@Resolver(() => InformationChange)
export class InformationChangeResolver {
  @Authorized(PERMISSIONS.informationChange)
  @Mutation(() => InformationChangePayload, { description: '信息变更申报 — file an important change within 30 working days (G10)' })
  async fileInformationChange(
    @Arg('input', { description: '输入 — the input of this operation' }) input: InformationChangeInput,
    @Ctx() context: Context,
  ): Promise<InformationChangePayload> {
    const { institutionCode, changedOn, idempotencyKey: _key, ...fields } = input;
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null)) as Record<string, string | number>;
    const id = await runMutation(
      context,
      'agreements',
      'fileInformationChange',
      input,
      (em) => fileInformationChange(em, actorOf(context), { institutionCode, changes, changedOn }),
      {
        target: () => institutionCode,
        scope: (_id, em) => institutionsAuditScope(em, [institutionCode]),
      },
    );
    return { change: (await findInformationChange(context.em, id))! };
  }

  @Authorized(PERMISSIONS.agreementMeasures)
  @Mutation(() => InformationChangePayload, { description: "信息变更审核 — approve (the institution's facts change everywhere) or refuse (G10)" })
  async reviewInformationChange(
    @Arg('input', { description: '输入 — the input of this operation' }) input: ReviewInformationChangeInput,
    @Ctx() context: Context,
  ): Promise<InformationChangePayload> {
    const id = await runMutation(context, 'agreements', 'reviewInformationChange', input, (em) => reviewInformationChange(em, actorOf(context), input), {
      target: () => input.changeId,
      scope: (changeId, em) => auditScopeOfRow(em, 'information_change', changeId),
    });
    return { change: (await findInformationChange(context.em, id))! };
  }
}
