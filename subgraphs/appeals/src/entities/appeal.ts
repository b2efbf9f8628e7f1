import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { AppealStatus, AppealSubject } from '../domain/appeal';

@Directive('@key(fields: "id")')
@ObjectType({ description: '异议申诉 — an appeal against a score or a status decision (002 art.41–44), or an agreement dispute (003 art.35)' })
@Entity({ tableName: 'appeal' })
@Index({ name: 'appeal_person_index', properties: ['personCode', 'status'] })
@Index({ name: 'appeal_institution_index', properties: ['institutionCode', 'status'] })
@Index({ name: 'appeal_queue_index', properties: ['status', 'decideBy', 'id'] })
// A1: one open appeal per decision, kept by the database even under concurrent filings.
@Index({
  name: 'appeal_one_open_per_record',
  expression: `create unique index appeal_one_open_per_record on appeals.appeal (score_record_id) where status in ('FILED', 'EXPLAINED', 'ESCALATED', 'EXPERT_REVIEW')`,
})
export class Appeal {
  [OptionalProps]?: 'createdAt' | 'escalated';

  @Field(() => ID, { description: '申诉标识 — appeal id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => AppealSubject, { description: '申诉对象 — a score record or an agreement decision' })
  @Enum({ items: () => AppealSubject, default: AppealSubject.SCORE })
  subject!: AppealSubject;

  @Property({ type: 'uuid', nullable: true })
  scoreRecordId?: string | null;

  @Field(() => String, { nullable: true, description: '被申诉决定文书号 — for an agreement dispute: the agreement decision' })
  @Property({ type: 'text', nullable: true })
  decisionDocument?: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  personCode?: string | null;

  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Field(() => AppealStatus, { description: '申诉状态 — status' })
  @Property({ type: 'text' })
  status!: AppealStatus;

  @Property({ type: 'text', nullable: true })
  statusBeforeExpertReview?: AppealStatus | null;

  @Field(() => DateScalar, { nullable: true, description: '专家评审开始日期 — expert review started on (its time does not count, A3–A4)' })
  @Property({ type: 'date', nullable: true })
  expertReviewStartedOn?: string | null;

  @Field({ description: '是否已提交行政部门 — escalated to the administration (A2)' })
  @Property({ type: 'boolean' })
  escalated: boolean = false;

  @Field(() => DateScalar, { description: '受理日期 — received on' })
  @Property({ type: 'date' })
  filedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '应作出决定日期 — decision due by (20 working days after receipt, expert time excluded)' })
  @Property({ type: 'date', nullable: true })
  decideBy?: string | null;

  @Field({ description: '申诉理由 — grounds' })
  @Property({ type: 'text' })
  statement!: string;

  @Field(() => DateScalar, { nullable: true, description: '决定日期 — decided on' })
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @Field(() => String, { nullable: true, description: '决定理由 — reasons of the decision (required when upheld)' })
  @Property({ type: 'text', nullable: true })
  decisionReason?: string | null;

  @Field(() => Int, { nullable: true, description: '变更后记分 — new points when changed (0: score removed)' })
  @Property({ type: 'integer', nullable: true })
  newPoints?: number | null;

  @Property({ type: 'text' })
  filedBy!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
