import { randomUUID } from 'node:crypto';
import { DeferMode, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgreementAction, TerminationTrigger } from '../domain/agreement-machine';
import { Agreement } from './agreement';

@ObjectType({ description: '协议处理 — a measure on an agreement or a department, with the persons responsible (G12–G14, R7)' })
@Entity({ tableName: 'agreement_measure' })
@Index({ name: 'agreement_measure_institution_index', properties: ['institutionCode', 'recordedAt'] })
export class AgreementMeasure {
  [OptionalProps]?: 'recordedAt' | 'causedByChainHeadquarters' | 'responsiblePersonCodes' | 'allStaff' | 'flagsTermination';

  @Field(() => ID, { description: '标识 — id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Agreement, {
    mapToPk: true,
    fieldName: 'agreement_id',
    foreignKeyName: 'agreement_measure_agreement_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
    deferMode: DeferMode.INITIALLY_DEFERRED,
  })
  agreementId!: string;

  @Field(() => ID, { description: "定点医药机构代码 — the institution whose agreement it is (a chain's measures name several)" })
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Field({ description: '统筹地区 — the region of the agreement acted on (003 art.33)' })
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Field(() => AgreementAction, { description: '处理 — suspend, resume, terminate, renewal' })
  @Property({ type: 'text' })
  action!: AgreementAction;

  @Field(() => String, { nullable: true, description: '科室 — the department, for a department-level measure (G14)' })
  @Property({ type: 'text', nullable: true })
  department?: string | null;

  @Field(() => TerminationTrigger, { nullable: true, description: '解除情形 — termination trigger (G13)' })
  @Property({ type: 'text', nullable: true })
  trigger?: TerminationTrigger | null;

  @Field({ description: '理由 — reason' })
  @Property({ type: 'text' })
  reason!: string;

  @Field({
    description:
      "连锁总部责任 — caused by the chain headquarters' legal representative, principal or actual controller (连锁经营企业总部法定代表人、企业负责人或实际控制人); the chain's other pharmacies are terminated with it (003 art.32(十五))",
  })
  @Property({ type: 'boolean' })
  causedByChainHeadquarters: boolean = false;

  @Field(() => String, { nullable: true, description: '决定文书号 — decision document' })
  @Property({ type: 'text', nullable: true })
  basisDocument?: string | null;

  @Field(() => DateScalar, { description: '生效日期 — effective on' })
  @Property({ type: 'date' })
  effectiveOn!: string;

  @Field(() => Int, { nullable: true, description: '申请中止天数 — days asked for by the institution (≤ 180)' })
  @Property({ type: 'integer', nullable: true })
  requestedDays?: number | null;

  @Field(() => [String], { description: '负有责任的人员 — personnel codes of the persons responsible (R7)' })
  @Property({ type: 'string[]', columnType: 'text[]', defaultRaw: `'{}'` })
  responsiblePersonCodes: string[] = [];

  @Field({ description: "适用全部人员 — applied to all the institution's staff (Zhoushan, 004 art.15)" })
  @Property({ type: 'boolean', default: false })
  allStaff: boolean = false;

  @Field({ description: '构成解除情形 — this suspension makes termination due (G13: second within a validity)' })
  @Property({ type: 'boolean', default: false })
  flagsTermination: boolean = false;

  @Property({ type: 'text' })
  decidedBy!: string;

  @Field(() => Date, { description: '记录时间 — recorded at' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
