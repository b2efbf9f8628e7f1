import { randomUUID } from 'node:crypto';
import { DeferMode, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ObjectType } from 'type-graphql';
import { AppealStatus } from '../domain/appeal';
import { Appeal } from './appeal';

@ObjectType({ description: '申诉处理记录 — one step of an appeal: who, when, what, with a note' })
@Entity({ tableName: 'appeal_step' })
@Index({ name: 'appeal_step_appeal_index', properties: ['appealId', 'recordedAt'] })
export class AppealStep {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // Deferred: an appeal and its first step are inserted in one flush, in either order.
  @ManyToOne(() => Appeal, {
    mapToPk: true,
    fieldName: 'appeal_id',
    foreignKeyName: 'appeal_step_appeal_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
    deferMode: DeferMode.INITIALLY_DEFERRED,
  })
  appealId!: string;

  @Field({ description: '操作 — the step taken' })
  @Property({ type: 'text' })
  action!: string;

  @Field(() => AppealStatus, { nullable: true, description: '原状态 — status before' })
  @Property({ type: 'text', nullable: true })
  fromStatus?: AppealStatus | null;

  @Field(() => AppealStatus, { description: '新状态 — status after' })
  @Property({ type: 'text' })
  toStatus!: AppealStatus;

  @Field({ description: '操作人 — who (user id)' })
  @Property({ type: 'text' })
  actor!: string;

  @Field({ description: '操作人角色 — their role' })
  @Property({ type: 'text' })
  actorRole!: string;

  @Field(() => DateScalar, { description: '日期 — on' })
  @Property({ type: 'date' })
  happenedOn!: string;

  @Field(() => Date, { description: '记录时间 — recorded at' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();

  @Field(() => String, { nullable: true, description: '说明 — note' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
