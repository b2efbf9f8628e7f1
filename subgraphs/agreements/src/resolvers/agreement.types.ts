import { DateScalar } from '@pq/graphql';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { TerminationTrigger } from '../domain/agreement-machine';
import { AgreementMeasure } from '../entities/agreement-measure';
import { Institution } from '../entities/institution';

@InputType({ description: "协议处理 — suspend, resume or terminate an institution's agreement or one department (G12–G14)" })
export class AgreementMeasureInput {
  @Field(() => ID, { description: '定点医药机构代码 — the institution' })
  institutionCode!: string;

  @Field({ description: '理由 — reason' })
  reason!: string;

  @Field({ nullable: true, description: "统筹地区 — the co-ordination region whose agreement is acted on; default the institution's own region (003 art.33)" })
  regionCode?: string;

  @Field({ nullable: true, description: '决定文书号 — decision document' })
  basisDocument?: string;

  @Field(() => DateScalar, { nullable: true, description: '生效日期 — default today' })
  effectiveOn?: string;

  @Field(() => Int, { nullable: true, description: '申请中止天数 — a suspension asked for by the institution: at most 180 days' })
  requestedDays?: number;

  @Field(() => TerminationTrigger, { nullable: true, description: '解除情形 — required to terminate' })
  trigger?: TerminationTrigger;

  @Field({
    nullable: true,
    defaultValue: false,
    description:
      "连锁总部责任 — the chain headquarters' legal representative, principal or actual controller (连锁经营企业总部法定代表人、企业负责人或实际控制人) caused this termination of a chain pharmacy: only then are the chain's other pharmacies terminated too (003 art.32(十五))",
  })
  causedByChainHeadquarters?: boolean;

  @Field({ nullable: true, description: '科室 — only this department (G14); the agreement itself stays as it is' })
  department?: string;

  @Field(() => [ID], { nullable: true, description: '负有责任的人员 — personnel codes of the persons responsible (R7)' })
  responsiblePersonCodes?: string[];

  @Field({ nullable: true, defaultValue: false, description: "全部人员 — apply to all the institution's staff (Zhoushan, 004 art.15)" })
  applyToAllStaff?: boolean;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: '续签 — ask for or decide the renewal of an agreement (G9)' })
export class RenewalInput {
  @Field(() => ID, { description: '定点医药机构代码 — the institution' })
  institutionCode!: string;

  @Field({ nullable: true, description: "统筹地区 — the co-ordination region whose agreement is acted on; default the institution's own region (003 art.33)" })
  regionCode?: string;

  @Field({ nullable: true, description: "同意续签 — the agency's decision; leave empty to ask for renewal" })
  approve?: boolean;

  @Field({ nullable: true, description: '理由 — reason' })
  reason?: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '协议处理结果 — the institution and the measures taken (several for a chain or for the agreements with other regions)' })
export class AgreementMeasurePayload {
  @Field(() => Institution, { description: '定点医药机构 — the institution' })
  institution!: Institution;

  @Field(() => [AgreementMeasure], { description: '协议处理 — the measures taken' })
  measures!: AgreementMeasure[];
}
