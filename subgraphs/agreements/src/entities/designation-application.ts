import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ID, ObjectType } from 'type-graphql';
import { DesignationConditions, DesignationStatus, Findings } from '../domain/designation';
import { InstitutionKind } from '../domain/institution';

@ObjectType({ description: '定点申请 — an application for designation, step by step with deadlines (003 art.6–18)' })
@Entity({ tableName: 'designation_application' })
@Index({ name: 'designation_code_index', properties: ['institutionCode', 'status'] })
@Index({ name: 'designation_queue_index', properties: ['status', 'dueBy'] })
export class DesignationApplication {
  [OptionalProps]?: 'createdAt' | 'onSiteEvaluated' | 'falsifiedMaterials';

  @Field(() => ID, { description: '申请标识 — id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: '定点医药机构代码 — the code the institution will carry' })
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Field({ description: '机构名称 — name' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => InstitutionKind, { description: '机构类别 — kind' })
  @Property({ type: 'text' })
  kind!: InstitutionKind;

  @Field({ description: '医保区划 — region' })
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'text', nullable: true })
  owner?: string | null;

  @Property({ type: 'jsonb' })
  conditions!: DesignationConditions;

  @Field(() => [String], { description: '申报材料 — documents submitted (G3)' })
  @Property({ type: 'jsonb' })
  materials!: string[];

  @Property({ type: 'jsonb' })
  findings!: Findings;

  @Property({ type: 'text' })
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

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
