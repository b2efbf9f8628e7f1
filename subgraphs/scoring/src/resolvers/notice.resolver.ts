import { runMutation } from '@pq/data';
import { provisionalDeadlineDescription } from '@pq/graphql';
import { PERMISSIONS } from './permissions';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { deliverNotice } from '../commands/deliver-notice';
import { applyForRestoration, decideRestoration } from '../commands/restoration';
import { SanctionKind } from '../domain/outcome';
import { Notice } from '../entities/notice';
import { RestorationApplication } from '../entities/restoration-application';
import { Sanction } from '../entities/sanction';
import { ScoreRecord } from '../entities/score-record';
import type { Context } from './context';
import {
  ApplyForRestorationInput,
  DecideRestorationInput,
  DeliverNoticeInput,
  DeliverNoticePayload,
  Institution,
  Person,
  RestorationPayload,
} from './score.types';
import { auditScopeOfRow } from '../repositories/audit-scope';

@Resolver(() => Notice)
export class NoticeResolver {
  @Authorized(PERMISSIONS.deliverNotice)
  @Mutation(() => DeliverNoticePayload, { description: '送达处理通知书 — record the delivery of a notice; appeals are due 10 working days later' })
  async deliverNotice(
    @Arg('input', { description: '输入 — the input of this operation' }) input: DeliverNoticeInput,
    @Ctx() context: Context,
  ): Promise<DeliverNoticePayload> {
    const id = await runMutation(context, 'scoring', 'deliverNotice', input, (em) => deliverNotice(em, context, input.documentNumber, input.deliveredOn), {
      target: () => input.documentNumber,
      basisDocument: input.documentNumber,
      scope: (noticeId, em) => auditScopeOfRow(em, 'notice', noticeId),
    });
    return { notice: (await context.loaders.notice.load(id))! };
  }

  @FieldResolver(() => Boolean, { description: provisionalDeadlineDescription('应出具日期', 'issueBy') })
  async issueByProvisional(@Root() notice: Notice, @Ctx() context: Context): Promise<boolean> {
    return context.calendar.provisionalBetween(await decidedOn(notice, context), notice.issueBy);
  }

  @FieldResolver(() => Boolean, { description: provisionalDeadlineDescription('应送达日期', 'deliverBy') })
  async deliverByProvisional(@Root() notice: Notice, @Ctx() context: Context): Promise<boolean> {
    return context.calendar.provisionalBetween(await decidedOn(notice, context), notice.deliverBy);
  }

  @FieldResolver(() => Boolean, { description: provisionalDeadlineDescription('申诉截止日期', 'appealBy') })
  appealByProvisional(@Root() notice: Notice, @Ctx() context: Context): boolean {
    return notice.deliveredOn && notice.appealBy ? context.calendar.provisionalBetween(notice.deliveredOn, notice.appealBy) : false;
  }

  @FieldResolver(() => Person, { description: '人员 — the person (name, gender, ID number from registry)' })
  person(@Root() notice: Notice): Person {
    return { code: notice.personCode };
  }

  @FieldResolver(() => Institution, { description: '定点医药机构 — where the behaviour happened; it maintains the status change' })
  institution(@Root() notice: Notice): Institution {
    return { code: notice.institutionCode };
  }

  @FieldResolver(() => [ScoreRecord], { description: '违规行为及记分 — the violations and their points' })
  records(@Root() notice: Notice, @Ctx() context: Context): Promise<ScoreRecord[]> {
    return context.loaders.scoreRecordsByNotice.load(notice.id);
  }

  @FieldResolver(() => Int, { description: '本次记分 — points of this decision' })
  async points(@Root() notice: Notice, @Ctx() context: Context): Promise<number> {
    return (await context.loaders.scoreRecordsByNotice.load(notice.id)).reduce((sum, r) => sum + r.points, 0);
  }

  @FieldResolver(() => Int, { description: "年度累计记分 — the year's total after this decision" })
  async yearTotal(@Root() notice: Notice, @Ctx() context: Context): Promise<number> {
    return (await context.loaders.scoreRecordsByNotice.load(notice.id))[0].yearTotalAfter;
  }

  @FieldResolver(() => Sanction, { nullable: true, description: '处理决定 — the suspension or termination it decided, if any' })
  sanction(@Root() notice: Notice, @Ctx() context: Context): Promise<Sanction | null> {
    return notice.sanctionId ? context.loaders.sanction.load(notice.sanctionId) : Promise.resolve(null);
  }

  @FieldResolver(() => String, { description: '处理决定（文书） — the decision as form 3 states it' })
  async decisionText(@Root() notice: Notice, @Ctx() context: Context): Promise<string> {
    const sanction = notice.sanctionId ? await context.loaders.sanction.load(notice.sanctionId) : null;
    if (sanction?.kind === SanctionKind.SUSPENSION)
      return `暂停医保支付资格${sanction.months}个月（${sanction.from}至${sanction.until}）；如需恢复，可在暂停期满后向本医疗保障经办机构提出申请`;
    if (sanction?.kind === SanctionKind.TERMINATION) return `终止医保支付资格，${sanction.banYears}年内不得再次登记备案（${sanction.from}至${sanction.until}）`;
    return '提醒谈话：请所在机构对本人进行谈话提醒并做好记录';
  }

  @FieldResolver(() => String, { description: '申诉权利告知 — the right to appeal within 10 working days of delivery' })
  appealRight(@Root() notice: Notice): string {
    const by = notice.appealBy ? `（截至${notice.appealBy}）` : '';
    return `如对记分或处理决定有异议，可自收到本通知书之日起10个工作日内${by}向本医疗保障经办机构提出书面申诉。`;
  }
}

/** The decision date a notice's deadlines count from. */
async function decidedOn(notice: Notice, context: Context): Promise<string> {
  return (await context.loaders.scoreRecordsByNotice.load(notice.id))[0].decidedOn;
}

@Resolver(() => RestorationApplication)
export class RestorationResolver {
  @Authorized(PERMISSIONS.applyForRestoration)
  @Mutation(() => RestorationPayload, { description: '申请资格恢复 — apply, through the institution, from 15 working days before the period ends (S13)' })
  async applyForRestoration(
    @Arg('input', { description: '输入 — the input of this operation' }) input: ApplyForRestorationInput,
    @Ctx() context: Context,
  ): Promise<RestorationPayload> {
    const id = await runMutation(
      context,
      'scoring',
      'applyForRestoration',
      input,
      (em) => applyForRestoration(em, context, input.personCode, input.institutionCode, input.appliedOn),
      {
        target: () => input.personCode,
        scope: (applicationId, em) => auditScopeOfRow(em, 'restoration_application', applicationId),
      },
    );
    return { application: (await context.loaders.restorationApplication.load(id))! };
  }

  @Authorized(PERMISSIONS.decideRestoration)
  @Mutation(() => RestorationPayload, { description: '资格恢复决定 — approve (status returns at every site) or refuse with a reason (S13)' })
  async decideRestoration(
    @Arg('input', { description: '输入 — the input of this operation' }) input: DecideRestorationInput,
    @Ctx() context: Context,
  ): Promise<RestorationPayload> {
    const id = await runMutation(
      context,
      'scoring',
      'decideRestoration',
      input,
      (em) => decideRestoration(em, context, input.applicationId, input.approve, input.reason, input.decidedOn),
      {
        target: () => input.applicationId,
        basisDocument: `restoration ${input.applicationId}`,
        scope: (applicationId, em) => auditScopeOfRow(em, 'restoration_application', applicationId),
      },
    );
    return { application: (await context.loaders.restorationApplication.load(id))! };
  }

  @FieldResolver(() => Boolean, { description: provisionalDeadlineDescription('应决定日期', 'decideBy') })
  decideByProvisional(@Root() application: RestorationApplication, @Ctx() context: Context): boolean {
    return context.calendar.provisionalBetween(application.appliedOn, application.decideBy);
  }

  @FieldResolver(() => Sanction, { description: '处理 — the suspension or termination' })
  async sanction(@Root() application: RestorationApplication, @Ctx() context: Context): Promise<Sanction> {
    return (await context.loaders.sanction.load(application.sanctionId))!;
  }
}
