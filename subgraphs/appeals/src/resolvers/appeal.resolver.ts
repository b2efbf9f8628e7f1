import { assertRegionInScope } from '@pq/caller';
import { runMutation } from '@pq/data';
import { isUuid, PageArgs, pageOf, provisionalDeadlineDescription, toConnection } from '@pq/graphql';
import { isIsoDate } from '@pq/time';
import { PERMISSIONS } from './permissions';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fileAgreementDispute, fileAppeal } from '../commands/file-appeal';
import { AppealStepCommand, takeAppealStep } from '../commands/appeal-steps';
import { OPEN_APPEAL_STATUSES } from '../domain/appeal';
import { AppealAction } from '../domain/appeal-machine';
import { Appeal } from '../entities/appeal';
import { AppealStep } from '../entities/appeal-step';
import { appealQueue, countAppealQueue } from '../repositories/appeals';
import type { Context } from './context';
import {
  AppealConnection,
  AppealOutcome,
  AppealQueueFilter,
  AppealStepInput,
  DecideAppealInput,
  FileAgreementDisputeInput,
  FileAppealInput,
  FileAppealPayload,
} from './appeal.types';
// Loaded in this order, the extended types keep their order in the committed SDL.
import { Person } from './person.reference';
import { ScoreRecord } from './score-record.reference';
import { Institution } from './institution.reference';
import { appealAuditScope } from '../repositories/audit-scope';

/** Every appeal mutation: one transaction, idempotent, audited, answering with the appeal. */
async function appealMutation(
  context: Context,
  operation: string,
  input: { idempotencyKey?: string | null },
  perform: (em: Context['em']) => Promise<string>,
): Promise<FileAppealPayload> {
  const id = await runMutation(context, 'appeals', operation, input, perform, {
    target: (appealId) => appealId,
    scope: (appealId, em) => appealAuditScope(em, appealId),
  });
  return { appeal: (await context.loaders.appeal.load(id))! };
}

const step = (context: Context, operation: string, input: AppealStepInput, action: AppealAction) =>
  appealMutation(context, operation, input, (em) => takeAppealStep(em, context, { appealId: input.appealId, action, note: input.note, on: input.happenedOn }));

@Resolver(() => Appeal)
export class AppealResolver {
  @Authorized(PERMISSIONS.fileAppeal)
  @Mutation(() => FileAppealPayload, { description: '提出异议申诉 — a person or institution appeals a score within 10 working days of the notice (A1)' })
  fileAppeal(@Arg('input', { description: '输入 — the input of this operation' }) input: FileAppealInput, @Ctx() context: Context): Promise<FileAppealPayload> {
    return appealMutation(context, 'fileAppeal', input, (em) => fileAppeal(em, context, input));
  }

  @Authorized(PERMISSIONS.fileAgreementDispute)
  @Mutation(() => FileAppealPayload, { description: '协议争议 — an institution disputes an agreement decision (A5)' })
  fileAgreementDispute(
    @Arg('input', { description: '输入 — the input of this operation' }) input: FileAgreementDisputeInput,
    @Ctx() context: Context,
  ): Promise<FileAppealPayload> {
    return appealMutation(context, 'fileAgreementDispute', input, (em) => fileAgreementDispute(em, context, input));
  }

  @Authorized(PERMISSIONS.appealSteps)
  @Mutation(() => FileAppealPayload, { description: '解释说明 — the agency explains the decision (A2)' })
  explainAppeal(
    @Arg('input', { description: '输入 — the input of this operation' }) input: AppealStepInput,
    @Ctx() context: Context,
  ): Promise<FileAppealPayload> {
    return step(context, 'explainAppeal', input, AppealAction.EXPLAIN);
  }

  @Authorized(PERMISSIONS.appealSteps)
  @Mutation(() => FileAppealPayload, { description: '提交行政部门 — the dispute remains and goes to the administration (A2)' })
  escalateAppeal(
    @Arg('input', { description: '输入 — the input of this operation' }) input: AppealStepInput,
    @Ctx() context: Context,
  ): Promise<FileAppealPayload> {
    return step(context, 'escalateAppeal', input, AppealAction.ESCALATE);
  }

  @Authorized(PERMISSIONS.appealSteps)
  @Mutation(() => FileAppealPayload, { description: '提交专家评审 — a professional question goes to experts; their time does not count (A3)' })
  startExpertReview(
    @Arg('input', { description: '输入 — the input of this operation' }) input: AppealStepInput,
    @Ctx() context: Context,
  ): Promise<FileAppealPayload> {
    return step(context, 'startExpertReview', input, AppealAction.START_EXPERT_REVIEW);
  }

  @Authorized(PERMISSIONS.appealSteps)
  @Mutation(() => FileAppealPayload, { description: '专家评审完成 — the experts answered; the deadline moves by the working days they took' })
  completeExpertReview(
    @Arg('input', { description: '输入 — the input of this operation' }) input: AppealStepInput,
    @Ctx() context: Context,
  ): Promise<FileAppealPayload> {
    return step(context, 'completeExpertReview', input, AppealAction.COMPLETE_EXPERT_REVIEW);
  }

  @Authorized(PERMISSIONS.appealSteps)
  @Mutation(() => FileAppealPayload, { description: '撤回申诉 — the appellant withdraws' })
  withdrawAppeal(
    @Arg('input', { description: '输入 — the input of this operation' }) input: AppealStepInput,
    @Ctx() context: Context,
  ): Promise<FileAppealPayload> {
    return step(context, 'withdrawAppeal', input, AppealAction.WITHDRAW);
  }

  @Authorized(PERMISSIONS.appealSteps)
  @Mutation(() => FileAppealPayload, { description: '申诉决定 — uphold with reasons, or change the score; a change reaches scores and status (A4)' })
  decideAppeal(
    @Arg('input', { description: '输入 — the input of this operation' }) input: DecideAppealInput,
    @Ctx() context: Context,
  ): Promise<FileAppealPayload> {
    const command: AppealStepCommand = {
      appealId: input.appealId,
      action: input.outcome === AppealOutcome.CHANGED ? AppealAction.CHANGE : AppealAction.UPHOLD,
      reason: input.reason,
      newPoints: input.newPoints,
      on: input.decidedOn,
    };
    return appealMutation(context, 'decideAppeal', input, (em) => takeAppealStep(em, context, command));
  }

  @Authorized(PERMISSIONS.appealQueue)
  @Query(() => AppealConnection, {
    description: '申诉工作队列 — appeals by decision deadline, earliest first (overdue ones first); pages forward (first, after) or back (last, before)',
  })
  async appealQueue(
    @Ctx() context: Context,
    @Args() paging: PageArgs,
    @Arg('filter', () => AppealQueueFilter, { nullable: true, description: '筛选 — filter' }) filter?: AppealQueueFilter,
  ): Promise<AppealConnection> {
    const region = filter?.regionPrefix ?? context.caller.region;
    assertRegionInScope(context.caller, region);
    const queue = { statuses: filter?.statuses ?? OPEN_APPEAL_STATUSES, regionPrefix: region, dueBefore: filter?.dueBefore, subject: filter?.subject };
    const page = pageOf(paging, (key) => {
      const [decideBy, id] = key.split('|');
      return isIsoDate(decideBy) && isUuid(id);
    });
    const cursor = page.key?.split('|');
    const rows = await appealQueue(context.em, queue, page.size + 1, cursor && { decideBy: cursor[0], id: cursor[1] }, page.backward);
    return toConnection(
      AppealConnection,
      rows,
      page.size,
      (a) => `${a.decideBy}|${a.id}`,
      () => countAppealQueue(context.em, queue),
      page,
    );
  }

  @FieldResolver(() => Boolean, { description: provisionalDeadlineDescription('应作出决定日期', 'decideBy') })
  decideByProvisional(@Root() appeal: Appeal, @Ctx() context: Context): boolean {
    return appeal.decideBy ? context.calendar.provisionalBetween(appeal.filedOn, appeal.decideBy) : false;
  }

  @FieldResolver(() => ScoreRecord, { nullable: true, description: '记分记录 — the score record appealed against' })
  scoreRecord(@Root() appeal: Appeal): ScoreRecord | null {
    return appeal.scoreRecordId ? { id: appeal.scoreRecordId } : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: '人员 — the person (none for an agreement dispute)' })
  person(@Root() appeal: Appeal): Person | null {
    return appeal.personCode ? { code: appeal.personCode } : null;
  }

  @FieldResolver(() => Institution, { description: '定点医药机构 — the institution' })
  institution(@Root() appeal: Appeal): Institution {
    return { code: appeal.institutionCode };
  }

  @FieldResolver(() => [AppealStep], { description: '处理记录 — every step with actor, date and note, oldest first' })
  steps(@Root() appeal: Appeal, @Ctx() context: Context): Promise<AppealStep[]> {
    return context.loaders.stepsByAppeal.load(appeal.id);
  }
}
