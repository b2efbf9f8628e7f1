import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RepairStatus } from '../domain/repair';

@ObjectType({ description: '记分修复申请 — an application to repair points after rectification (S12, form 4)' })
@Entity({ tableName: 'repair_application' })
@Index({ name: 'repair_application_person_index', properties: ['personCode'] })
@Index({
  name: 'repair_one_open',
  expression: `create unique index repair_one_open on scoring.repair_application (person_code) where status in ('APPLIED', 'INSTITUTION_AGREED')`,
})
export class RepairApplication {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID, { description: '申请标识 — id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: '医保相关人员代码 — the person' })
  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Field(() => ID, { description: '定点医药机构代码 — the institution that reviews it' })
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Field({ description: '整改情况 — what was rectified' })
  @Property({ type: 'text' })
  statement!: string;

  @Field(() => DateScalar, { description: '申请日期 — applied on' })
  @Property({ type: 'date' })
  appliedOn!: string;

  @Field(() => RepairStatus, { description: '状态 — where the application stands' })
  @Property({ type: 'text' })
  status!: RepairStatus;

  @Field(() => String, { nullable: true, description: "机构审核意见 — the institution's review" })
  @Property({ type: 'text', nullable: true })
  institutionNote?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '机构审核日期 — the day the institution reviewed it' })
  @Property({ type: 'date', nullable: true })
  reviewedOn?: string | null;

  @Field(() => Int, { nullable: true, description: "减免分值 — points taken off the year's total" })
  @Property({ type: 'integer', nullable: true })
  pointsReduction?: number | null;

  @Field(() => DateScalar, { nullable: true, description: '缩短后截止日期 — the shortened end of the suspension or termination' })
  @Property({ type: 'date', nullable: true })
  newUntil?: string | null;

  /** The suspension or termination whose period the repair shortened: the year's derivation caps it. */
  @Property({ type: 'uuid', nullable: true })
  shortenedSanctionId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '决定日期 — decided on' })
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @Field(() => String, { nullable: true, description: '理由 — reason of the decision' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
