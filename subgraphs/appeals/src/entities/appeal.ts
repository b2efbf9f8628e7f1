import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { AppealStatus, AppealSubject } from '../domain/appeal';

@Directive('@key(fields: "id")')
@ObjectType({ description: '异议申诉 — an appeal against a score or a status decision (002 art.41–44), or an agreement dispute (003 art.35)' })
@Entity({ tableName: 'appeal' })
export class Appeal {
  [OptionalProps]?: 'createdAt' | 'escalated';

  @Field(() => ID, { description: '申诉标识 — appeal id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => AppealSubject, { description: '申诉对象 — a score record or an agreement decision' })
  @Enum({ items: () => AppealSubject })
  subject!: AppealSubject;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  scoreRecordId?: string | null;

  @Field(() => String, { nullable: true, description: '被申诉决定文书号 — for an agreement dispute: the agreement decision' })
  @Property({ type: 'string', nullable: true })
  decisionDocument?: string | null;

  @Index()
  @Property({ type: 'string', length: 16, nullable: true })
  personCode?: string | null;

  @Index()
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Field(() => AppealStatus, { description: '申诉状态 — status' })
  @Enum({ items: () => AppealStatus })
  status!: AppealStatus;

  @Enum({ items: () => AppealStatus, nullable: true })
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

  @Property({ type: 'string' })
  filedBy!: string;

  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}
