import { randomUUID } from 'node:crypto';
import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgreementAction, TerminationTrigger } from '../domain/agreement-machine';

@ObjectType({ description: '协议处理 — a measure on an agreement or a department, with the persons responsible (G12–G14, R7)' })
@Entity({ tableName: 'agreement_measure' })
export class AgreementMeasure {
  [OptionalProps]?: 'recordedAt' | 'causedByChainHeadquarters';

  @Field(() => ID, { description: '标识 — id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  agreementId!: string;

  @Field(() => ID, { description: '定点医药机构代码 — the institution whose agreement it is (a chain\'s measures name several)' })
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Field({ description: '统筹地区 — the region of the agreement acted on (003 art.33)' })
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Field(() => AgreementAction, { description: '处理 — suspend, resume, terminate, renewal' })
  @Enum({ items: () => AgreementAction })
  action!: AgreementAction;

  @Field(() => String, { nullable: true, description: '科室 — the department, for a department-level measure (G14)' })
  @Property({ type: 'string', nullable: true })
  department?: string | null;

  @Field(() => TerminationTrigger, { nullable: true, description: '解除情形 — termination trigger (G13)' })
  @Enum({ items: () => TerminationTrigger, nullable: true })
  trigger?: TerminationTrigger | null;

  @Field({ description: '理由 — reason' })
  @Property({ type: 'string' })
  reason!: string;

  @Field({ description: '连锁总部责任 — caused by the chain headquarters\' legal representative, principal or actual controller (连锁经营企业总部法定代表人、企业负责人或实际控制人); the chain\'s other pharmacies are terminated with it (003 art.32(十五))' })
  @Property({ type: 'boolean' })
  causedByChainHeadquarters: boolean = false;

  @Field(() => String, { nullable: true, description: '决定文书号 — decision document' })
  @Property({ type: 'string', nullable: true })
  basisDocument?: string | null;

  @Field(() => DateScalar, { description: '生效日期 — effective on' })
  @Property({ type: 'date' })
  effectiveOn!: string;

  @Field(() => Int, { nullable: true, description: '申请中止天数 — days asked for by the institution (≤ 180)' })
  @Property({ type: 'integer', nullable: true })
  requestedDays?: number | null;

  @Field(() => [String], { description: '负有责任的人员 — personnel codes of the persons responsible (R7)' })
  @Property({ type: 'string[]' })
  responsiblePersonCodes!: string[];

  @Field({ description: '适用全部人员 — applied to all the institution\'s staff (Zhoushan, 004 art.15)' })
  @Property({ type: 'boolean' })
  allStaff!: boolean;

  @Field({ description: '构成解除情形 — this suspension makes termination due (G13: second within a validity)' })
  @Property({ type: 'boolean' })
  flagsTermination!: boolean;

  @Property({ type: 'string' })
  decidedBy!: string;

  @Field(() => Date, { description: '记录时间 — recorded at' })
  @Property({ type: 'Date' })
  recordedAt: Date = new Date();
}
