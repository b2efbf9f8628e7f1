import { randomUUID } from 'node:crypto';
import { Check, DeferMode, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Responsibility, TierAdjustment } from '../domain/points';
import { DecisionType } from '../domain/score-decision';
import { Notice } from './notice';

@Directive('@key(fields: "id")')
@ObjectType({ description: '记分记录 — points given to one person for one violation in one decision' })
@Entity({ tableName: 'score_record' })
@Index({ name: 'score_record_person_year_index', properties: ['personCode', 'year'] })
@Index({ name: 'score_record_document_person_index', properties: ['documentNumber', 'personCode'] })
@Index({ name: 'score_record_decided_on_index', properties: ['decidedOn', 'id'] })
@Index({
  name: 'score_record_institution_year_index',
  expression: 'create index score_record_institution_year_index on scoring.score_record (institution_code, year) include (person_code, points)',
})
@Check({ name: 'score_record_points_check', expression: 'points >= 0 and points <= 12' })
export class ScoreRecord {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID, { description: '记分记录标识 — score record id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Property({ type: 'text' })
  ruleSetId!: string;

  @Property({ type: 'text' })
  violationCode!: string;

  /** S4: other negative situations the same violation matched; it counts once, at the highest. */
  @Field(() => [String], { description: '同时符合的其他情形 — other situations this violation matched (counted once, at the highest)' })
  @Property({ type: 'json' })
  alsoMatched!: string[];

  @Field(() => Responsibility, { description: '责任程度 — responsibility' })
  @Property({ type: 'text' })
  responsibility!: Responsibility;

  @Field({ description: '从轻情节 — mitigating circumstances applied' })
  @Property({ type: 'boolean' })
  mitigation!: boolean;

  @Field({ description: '从重情节 — aggravating circumstances applied' })
  @Property({ type: 'boolean' })
  aggravation!: boolean;

  @Field(() => TierAdjustment, {
    nullable: true,
    description: '从轻从重方式 — how mitigation or aggravation moved the points (002 art.25): within the tier or one tier; null when neither applied',
  })
  @Property({ type: 'text', nullable: true })
  adjustment?: TierAdjustment | null;

  @Field(() => Int, { description: '本次记分 — points of this record' })
  @Property({ type: 'integer' })
  points!: number;

  /** The points first given, when an appeal changed them (A4). */
  @Field(() => Int, { nullable: true, description: '原记分 — points first given, when changed on appeal' })
  @Property({ type: 'integer', nullable: true })
  originalPoints?: number | null;

  @Property({ type: 'text', nullable: true })
  adjustedBy?: string | null;

  @Field(() => DateScalar, { description: '记分日期 — date of the decision (S1)' })
  @Property({ type: 'date' })
  decidedOn!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: "记分后年度累计 — the year's total after this decision" })
  @Property({ type: 'integer' })
  yearTotalAfter!: number;

  @Field(() => DecisionType, { description: '决定类型 — administrative penalty or agreement handling' })
  @Property({ type: 'text' })
  decisionType!: DecisionType;

  @Field({ description: '决定文书号 — document number of the decision' })
  @Property({ type: 'text' })
  documentNumber!: string;

  @Field(() => String, { nullable: true, description: '检查标识 — the inspection' })
  @Property({ type: 'text', nullable: true })
  inspectionId?: string | null;

  @ManyToOne(() => Notice, {
    mapToPk: true,
    fieldName: 'notice_id',
    foreignKeyName: 'score_record_notice_id_fkey',
    deferMode: DeferMode.INITIALLY_DEFERRED,
    updateRule: 'no action',
    deleteRule: 'no action',
  })
  noticeId!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
