import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Institution } from './institution';

@ObjectType({ description: "信息变更 — an important change of an institution's information (G10)" })
@Entity({ tableName: 'information_change' })
export class InformationChange {
  @Field(() => ID, { description: '标识 — id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: '定点医药机构代码 — the institution' })
  @ManyToOne(() => Institution, {
    mapToPk: true,
    fieldName: 'institution_code',
    foreignKeyName: 'information_change_institution_code_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  institutionCode!: string;

  @Property({ type: 'jsonb' })
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
  @Property({ type: 'text' })
  status!: string;

  @Field(() => DateScalar, { nullable: true, description: '审核日期 — reviewed on' })
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;
}
