import { ConnectionType, DateScalar, DateTimeScalar } from '@pq/graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ChangeKind } from '../domain/change-feed';
import { RegistrationStatus } from '../domain/personnel';
import { Person } from '../entities/person';
import { Institution } from './person.types';

registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: '变更类型 — what a change-feed entry records',
  valuesConfig: {
    REGISTERED: { description: '登记备案 — a person registered at an institution (002 art.11)' },
    REGISTRATION_CANCELLED: { description: '取消登记备案 — the institution cancelled a registration (R4)' },
    REGISTRATION_STATUS_CHANGED: { description: '登记备案状态变更 — the status of a registration changed (002 art.16)' },
    PERSON_STATUS_CHANGED: { description: '人员状态变更 — the person-level status changed' },
    SCORE_RECORDED: { description: '记分 — a score record was decided (S1–S6)' },
    SANCTION_DECIDED: { description: '暂停或终止支付资格 — a suspension or termination was decided (S7)' },
    SANCTION_CHANGED: { description: '处理期限变更 — a known suspension or termination changed its period (shortened on repair, re-derived)' },
    SANCTION_LIFTED: {
      description: '处理解除 — a suspension or termination ended early: restored (资格恢复, S13), repaired (S12) or replaced (S7); `cause` says which',
    },
    SANCTION_ANNULLED: { description: '处理撤销 — a suspension or termination was annulled: it never should have applied (A4)' },
    REREGISTRATION_BAN_SHORTENED: { description: '禁止再登记期限缩短 — a termination was shortened on repair: its re-registration ban ends with it (S12)' },
    APPEAL_DECIDED: { description: '申诉决定 — an appeal ended: upheld, changed or withdrawn (`appealOutcome`); changed, `points` are the new points (A4)' },
    AGREEMENT_MEASURE_APPLIED: { description: '协议处理 — an agreement (or department) was suspended, resumed or terminated (R7)' },
    AGREEMENT_STATUS_CHANGED: {
      description:
        "协议状态变更 — an institution's agreement changed its status (suspended, resumed, terminated, expired) or its validity (signed, renewed) (G1, E3)",
    },
  },
});

@ObjectType({ description: '变更 — one entry of the change feed, in feed order; ID numbers appear masked through `person` only' })
export class Change {
  /** The feed position; clients see it only inside `cursor`. */
  position!: string;

  @Field({ description: '游标 — opaque cursor of this entry: ask for what came after it' })
  cursor!: string;

  @Field(() => ChangeKind, { description: '变更类型 — what changed' })
  kind!: ChangeKind;

  @Field(() => DateScalar, { description: '生效日期 — the day the change takes effect' })
  effectiveOn!: string;

  @Field(() => DateTimeScalar, { description: '记录时间 — when the feed recorded it' })
  recordedAt!: Date;

  @Field(() => String, { nullable: true, description: '依据文书 — the decision document behind the change' })
  basisDocument!: string | null;

  @Field(() => Person, { nullable: true, description: '人员 — the person concerned (masked by the usual rules)' })
  person?: Person | null;

  /** Loaded by the resolver from `personCode`. */
  personCode!: string | null;

  @Field(() => Institution, { nullable: true, description: '定点医药机构 — the institution concerned' })
  institution!: Institution | null;

  @Field(() => ID, { nullable: true, description: '登记备案标识 — the registration concerned' })
  registrationId!: string | null;

  @Field(() => RegistrationStatus, { nullable: true, description: '状态 — the status now (status changes)' })
  status!: RegistrationStatus | null;

  @Field(() => RegistrationStatus, { nullable: true, description: '原状态 — the status before (status changes)' })
  previousStatus!: RegistrationStatus | null;

  @Field(() => String, { nullable: true, description: '原因 — cause, as recorded' })
  cause!: string | null;

  @Field(() => ID, { nullable: true, description: '记分记录标识 — the score record concerned' })
  scoreRecordId!: string | null;

  @Field(() => Int, { nullable: true, description: '记分分值 — points of the score record (after an appeal: the new points; 0 removes it)' })
  points!: number | null;

  @Field(() => ID, { nullable: true, description: '申诉标识 — the appeal decided' })
  appealId!: string | null;

  @Field(() => ID, { nullable: true, description: '处理标识 — the suspension or termination concerned' })
  sanctionId!: string | null;

  @Field(() => String, { nullable: true, description: '处理类型 — SUSPENSION (暂停) or TERMINATION (终止)' })
  sanctionKind!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '截止日期 — last day of a suspension, or the end of a re-registration ban' })
  until!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '禁止再登记截止 — a termination: no new registration until this day' })
  reRegistrationBlockedUntil!: string | null;

  @Field(() => ID, { nullable: true, description: '协议处理标识 — the agreement measure' })
  measureId!: string | null;

  @Field(() => String, { nullable: true, description: '协议处理措施 — SUSPEND (中止), RESUME (恢复) or TERMINATE (解除)' })
  action!: string | null;

  @Field(() => String, { nullable: true, description: '科室 — the department of a department-level measure' })
  department!: string | null;

  @Field(() => [ID], { nullable: true, description: '责任人员代码 — persons a measure names responsible (R7)' })
  responsiblePersonCodes!: string[] | null;

  @Field(() => String, { nullable: true, description: '申诉结果 — UPHELD (维持), CHANGED (变更) or WITHDRAWN (撤回): how an appeal ended' })
  appealOutcome!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "协议状态 — ACTIVE (有效), SUSPENDED (中止), TERMINATED (解除) or EXPIRED (到期): the agreement's status now",
  })
  agreementStatus!: string | null;

  @Field(() => String, { nullable: true, description: "原协议状态 — the agreement's status before; null for a first agreement or a new one (renewal)" })
  previousAgreementStatus!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "协议起始日期 — first day of the agreement's validity" })
  agreementValidFrom!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "协议截止日期 — last day of the agreement's validity" })
  agreementValidUntil!: string | null;
}

export const ChangeConnection = ConnectionType(Change, 'Change', '变更');

@InputType({ description: '变更筛选 — filter for the change feed' })
export class ChangeFilter {
  @Field(() => [ChangeKind], { nullable: true, description: '变更类型 — only these kinds' })
  kinds?: ChangeKind[] | null;

  @Field(() => DateScalar, { nullable: true, description: '生效日期起 — only changes taking effect on or after this day' })
  since?: string | null;
}
