import { DateScalar } from '@pq/graphql';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Responsibility, TierAdjustment } from '../domain/points';
import { Notice } from '../entities/notice';
import { RestorationApplication } from '../entities/restoration-application';
import { Sanction } from '../entities/sanction';
import { DecisionType } from '../domain/score-decision';
import { ScoreRecord } from '../entities/score-record';

@Directive('@key(fields: "code")')
@ObjectType({ description: '医药机构相关人员 — a registered person; scoring adds points, records and sanctions' })
export class Person {
  @Field(() => ID, { description: '医保相关人员代码 — national personnel code' })
  code!: string;
}

@Directive('@key(fields: "code")')
@ObjectType({ description: '定点医药机构 — an institution, owned by the agreements subgraph' })
export class Institution {
  @Field(() => ID, { description: '定点医药机构代码 — institution code' })
  code!: string;
}

@InputType({ description: '记分项 — one person, one violation item' })
export class ScoreItemInput {
  @Field(() => ID, { description: '医保相关人员代码 — the person' })
  personCode!: string;

  @Field(() => ID, { description: '定点医药机构代码 — where the behaviour happened' })
  institutionCode!: string;

  @Field(() => ID, { description: '情形编码 — violation item of the rule set in force there' })
  violationCode!: string;

  @Field(() => Responsibility, { description: '责任程度 — responsibility' })
  responsibility!: Responsibility;

  @Field({ nullable: true, defaultValue: false, description: '从轻 — mitigation: lighter within the tier or one tier lower' })
  mitigation?: boolean;

  @Field({ nullable: true, defaultValue: false, description: '从重 — aggravation: heavier within the tier or one tier higher' })
  aggravation?: boolean;

  @Field(() => TierAdjustment, {
    nullable: true,
    description:
      "从轻从重方式 — the agency's choice for mitigation or aggravation (002 art.25): WITHIN_TIER or ONE_TIER; a choice the tiers cannot give is refused. Default (null): within the tier where the tier leaves room for this responsibility, otherwise one tier, otherwise the points stay at the end of the scale",
  })
  adjustment?: TierAdjustment | null;

  @Field({
    nullable: true,
    description: '违规行为标识 — items with the same reference are one violation matching several situations, counted once at the highest (S4)',
  })
  violationRef?: string;
}

@InputType({ description: '记分决定 — one inspection decision, many persons and items' })
export class RecordScoresInput {
  @Field(() => DecisionType, { description: '决定类型 — administrative penalty or agreement handling' })
  decisionType!: DecisionType;

  @Field({ description: '决定文书号 — document number of the decision' })
  documentNumber!: string;

  @Field(() => DateScalar, { description: '决定日期 — the score date (S1)' })
  decidedOn!: string;

  @Field({ nullable: true, description: '检查标识 — the inspection' })
  inspectionId?: string;

  @Field(() => [ScoreItemInput], { description: '记分项 — the items' })
  items!: ScoreItemInput[];

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: "记分结果 — the records created and each person's outcome" })
export class RecordScoresPayload {
  @Field(() => [ScoreRecord], { description: '记分记录 — one per counted item' })
  records!: ScoreRecord[];

  @Field(() => [Sanction], { description: '处理结果 — one per person: notification, interview, or the suspension or termination in force' })
  sanctions!: Sanction[];
}

@InputType({ description: '送达处理通知书 — record the delivery of a notice (S8)' })
export class DeliverNoticeInput {
  @Field(() => ID, { description: '文书编号 — the notice document number' })
  documentNumber!: string;

  @Field(() => DateScalar, { nullable: true, description: '送达日期 — default: today' })
  deliveredOn?: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: '资格恢复申请 — apply, through the institution, to restore payment qualification (S13, form 6)' })
export class ApplyForRestorationInput {
  @Field(() => ID, { description: '医保相关人员代码 — the person' })
  personCode!: string;

  @Field(() => ID, { description: '定点医药机构代码 — the institution applying for the person' })
  institutionCode!: string;

  @Field(() => DateScalar, { nullable: true, description: '申请日期 — default: today' })
  appliedOn?: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: "资格恢复决定 — the agency's decision on a restoration application (S13)" })
export class DecideRestorationInput {
  @Field(() => ID, { description: '申请标识 — the application' })
  applicationId!: string;

  @Field({ description: '是否同意 — approve' })
  approve!: boolean;

  @Field({ nullable: true, description: '理由 — required when refusing' })
  reason?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      '决定日期 — the day the agency decided; default today, never in the future nor before the application. An approval lifts the sanction from this day',
  })
  decidedOn?: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '送达结果 — the delivered notice' })
export class DeliverNoticePayload {
  @Field(() => Notice, { description: '处理通知书 — the notice' })
  notice!: Notice;
}

@ObjectType({ description: '资格恢复申请结果 — the application' })
export class RestorationPayload {
  @Field(() => RestorationApplication, { description: '申请 — the application' })
  application!: RestorationApplication;
}
