import { randomUUID } from 'node:crypto';
import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/kit';
import { Field, ObjectType } from 'type-graphql';
import { AppealStatus } from '../domain/appeal';

@ObjectType({ description: '申诉处理记录 — one step of an appeal: who, when, what, with a note' })
@Entity({ tableName: 'appeal_step' })
export class AppealStep {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  appealId!: string;

  @Field({ description: '操作 — the step taken' })
  @Property({ type: 'string' })
  action!: string;

  @Field(() => AppealStatus, { nullable: true, description: '原状态 — status before' })
  @Enum({ items: () => AppealStatus, nullable: true })
  fromStatus?: AppealStatus | null;

  @Field(() => AppealStatus, { description: '新状态 — status after' })
  @Enum({ items: () => AppealStatus })
  toStatus!: AppealStatus;

  @Field({ description: '操作人 — who (user id)' })
  @Property({ type: 'string' })
  actor!: string;

  @Field({ description: '操作人角色 — their role' })
  @Property({ type: 'string' })
  actorRole!: string;

  @Field(() => DateScalar, { description: '日期 — on' })
  @Property({ type: 'date' })
  happenedOn!: string;

  @Field(() => Date, { description: '记录时间 — recorded at' })
  @Property({ type: 'Date' })
  recordedAt: Date = new Date();

  @Field(() => String, { nullable: true, description: '说明 — note' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
