import { randomUUID } from 'node:crypto';
import { DeferMode, Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ObjectType } from 'type-graphql';
import { DesignationAction, DesignationStatus } from '../domain/designation';
import { DesignationApplication } from './designation-application';

@ObjectType({ description: '申请处理记录 — one step of a designation: who, when, what' })
@Entity({ tableName: 'designation_step' })
export class DesignationStep {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => DesignationApplication, {
    mapToPk: true,
    fieldName: 'application_id',
    foreignKeyName: 'designation_step_application_id_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
    deferMode: DeferMode.INITIALLY_DEFERRED,
  })
  applicationId!: string;

  @Field(() => DesignationAction, { description: '操作 — the step' })
  @Property({ type: 'text' })
  action!: DesignationAction;

  @Field(() => DesignationStatus, { description: '新状态 — status after' })
  @Property({ type: 'text' })
  toStatus!: DesignationStatus;

  @Field({ description: '操作人 — who' })
  @Property({ type: 'text' })
  actor!: string;

  @Field(() => DateScalar, { description: '日期 — on' })
  @Property({ type: 'date' })
  happenedOn!: string;

  @Field(() => String, { nullable: true, description: '说明 — note (the notice text)' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
