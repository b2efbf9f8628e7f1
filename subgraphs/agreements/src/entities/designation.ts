import { randomUUID } from 'node:crypto';
import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { DesignationAction, DesignationConditions, DesignationStatus, Findings } from '../domain/designation';
import { InstitutionKind } from '../domain/institution';

@ObjectType({ description: '定点申请 — an application for designation, step by step with deadlines (003 art.6–18)' })
@Entity({ tableName: 'designation_application' })
export class DesignationApplication {
  [OptionalProps]?: 'createdAt' | 'onSiteEvaluated' | 'falsifiedMaterials';

  @Field(() => ID, { description: '申请标识 — id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: '定点医药机构代码 — the code the institution will carry' })
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Field({ description: '机构名称 — name' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => InstitutionKind, { description: '机构类别 — kind' })
  @Enum({ items: () => InstitutionKind })
  kind!: InstitutionKind;

  @Field({ description: '医保区划 — region' })
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'string', nullable: true })
  owner?: string | null;

  @Property({ type: 'json' })
  conditions!: DesignationConditions;

  @Field(() => [String], { description: '申报材料 — documents submitted (G3)' })
  @Property({ type: 'json' })
  materials!: string[];

  @Property({ type: 'json' })
  findings!: Findings;

  @Enum({ items: () => DesignationStatus })
  status!: DesignationStatus;

  @Field(() => DateScalar, { nullable: true, description: '当前环节截止日期 — deadline of the step it waits for' })
  @Property({ type: 'date', nullable: true })
  dueBy?: string | null;

  @Field({ description: '已现场评估 — on-site evaluation done (medical institutions, G6)' })
  @Property({ type: 'boolean' })
  onSiteEvaluated: boolean = false;

  @Property({ type: 'boolean' })
  falsifiedMaterials: boolean = false;

  @Field(() => DateScalar, { description: '提交日期 — submitted on' })
  @Property({ type: 'date' })
  submittedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '评估结论日期 — evaluation decided on' })
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}

@ObjectType({ description: '申请处理记录 — one step of a designation: who, when, what' })
@Entity({ tableName: 'designation_step' })
export class DesignationStep {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  applicationId!: string;

  @Field(() => DesignationAction, { description: '操作 — the step' })
  @Enum({ items: () => DesignationAction })
  action!: DesignationAction;

  @Field(() => DesignationStatus, { description: '新状态 — status after' })
  @Enum({ items: () => DesignationStatus })
  toStatus!: DesignationStatus;

  @Field({ description: '操作人 — who' })
  @Property({ type: 'string' })
  actor!: string;

  @Field(() => DateScalar, { description: '日期 — on' })
  @Property({ type: 'date' })
  happenedOn!: string;

  @Field(() => String, { nullable: true, description: '说明 — note (the notice text)' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'Date' })
  recordedAt: Date = new Date();
}

@ObjectType({ description: '信息变更 — an important change of an institution\'s information (G10)' })
@Entity({ tableName: 'information_change' })
export class InformationChange {
  @Field(() => ID, { description: '标识 — id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: '定点医药机构代码 — the institution' })
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Property({ type: 'json' })
  changes!: Record<string, string | number | null>;

  @Field(() => DateScalar, { description: '变更日期 — when the change happened' })
  @Property({ type: 'date' })
  changedOn!: string;

  @Field(() => DateScalar, { description: '申报日期 — filed on (within 30 working days of the change)' })
  @Property({ type: 'date' })
  filedOn!: string;

  @Field(() => DateScalar, { description: '审核截止日期 — reviewed by (30 working days)' })
  @Property({ type: 'date' })
  reviewBy!: string;

  @Field({ description: '状态 — FILED, APPROVED or REFUSED' })
  @Property({ type: 'string' })
  status!: string;

  @Field(() => DateScalar, { nullable: true, description: '审核日期 — reviewed on' })
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;
}
