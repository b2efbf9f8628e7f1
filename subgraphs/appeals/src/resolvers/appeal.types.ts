import { ConnectionType, DateScalar } from '@pq/graphql';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AppealStatus, AppealSubject } from '../domain/appeal';
import { Appeal } from '../entities/appeal';

@InputType({ description: '提出申诉 — a written appeal (002 form 5)' })
export class FileAppealInput {
  @Field(() => ID, { description: '记分记录标识 — the score record appealed against' })
  scoreRecordId!: string;

  @Field(() => DateScalar, { nullable: true, description: '受理日期 — date the agency received the appeal; default today' })
  receivedOn?: string;

  @Field({ description: '申诉理由 — grounds' })
  statement!: string;

  @Field({ description: '本人签字 — signed by the person' })
  signedByPerson!: boolean;

  @Field({ description: '机构盖章 — stamped by the institution' })
  stampedByInstitution!: boolean;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '申诉结果 — the appeal' })
export class FileAppealPayload {
  @Field(() => Appeal, { description: '申诉 — the appeal' })
  appeal!: Appeal;
}

@InputType({ description: '协议争议 — an institution disputes an agreement decision of the agency (003 art.35)' })
export class FileAgreementDisputeInput {
  @Field(() => ID, { description: '定点医药机构代码 — the institution' })
  institutionCode!: string;

  @Field({ description: '决定文书号 — the agreement decision disputed' })
  decisionDocument!: string;

  @Field(() => DateScalar, { nullable: true, description: '受理日期 — default today' })
  receivedOn?: string;

  @Field({ description: '争议理由 — grounds' })
  statement!: string;

  @Field({ description: '机构盖章 — stamped by the institution' })
  stampedByInstitution!: boolean;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: '申诉处理步骤 — explain, escalate, expert review, withdraw' })
export class AppealStepInput {
  @Field(() => ID, { description: '申诉标识 — the appeal' })
  appealId!: string;

  @Field({ nullable: true, description: '说明 — note recorded with the step' })
  note?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: '日期 — the real date of the step (expert review start or end included); default today, never in the future nor before the previous step',
  })
  happenedOn?: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

export enum AppealOutcome {
  UPHELD = 'UPHELD',
  CHANGED = 'CHANGED',
}

@InputType({ description: '申诉决定 — uphold with reasons, or change the score (A4)' })
export class DecideAppealInput {
  @Field(() => ID, { description: '申诉标识 — the appeal' })
  appealId!: string;

  @Field(() => AppealOutcome, { description: '决定 — upheld or changed' })
  outcome!: AppealOutcome;

  @Field({ nullable: true, description: '理由 — required when upheld' })
  reason?: string;

  @Field(() => Int, { nullable: true, description: '变更后记分 — when a score is changed: its new points (0 removes it)' })
  newPoints?: number;

  @Field(() => DateScalar, {
    nullable: true,
    description: '决定日期 — the real date of the decision; default today, never in the future nor before the previous step',
  })
  decidedOn?: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: "申诉工作队列筛选 — filter for the agencies' appeal work queue" })
export class AppealQueueFilter {
  @Field(() => [AppealStatus], { nullable: true, description: '状态 — default: every open status' })
  statuses?: AppealStatus[];

  @Field(() => DateScalar, { nullable: true, description: '到期日之前 — decision due on or before this date (today: the overdue and due)' })
  dueBefore?: string;

  @Field({ nullable: true, description: "区划前缀 — region-code prefix of the institution; default: the caller's region" })
  regionPrefix?: string;

  @Field(() => AppealSubject, { nullable: true, description: '申诉对象 — scores or agreement disputes' })
  subject?: AppealSubject;
}

export const AppealConnection = ConnectionType(Appeal, 'Appeal', '申诉');
export type AppealConnection = InstanceType<typeof AppealConnection>;
