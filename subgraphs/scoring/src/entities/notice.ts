import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: '处理通知书 — the notice of a scoring to the institution where the behaviour happened (S8, form 3)' })
@Entity({ tableName: 'notice' })
@Unique({ name: 'notice_decision_document_person_code_key', properties: ['decisionDocument', 'personCode'] })
export class Notice {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Property({ type: 'text' })
  decisionDocument!: string;

  @Field(() => ID, { description: '文书编号 — notice document number' })
  @Unique({ name: 'notice_document_number_key' })
  @Property({ type: 'text' })
  documentNumber!: string;

  @Field(() => DateScalar, { description: '应出具日期 — to be issued by (5 working days after the decision)' })
  @Property({ type: 'date' })
  issueBy!: string;

  @Field(() => DateScalar, { description: '应送达日期 — to be delivered by (3 working days after issue)' })
  @Property({ type: 'date' })
  deliverBy!: string;

  @Field(() => DateScalar, { nullable: true, description: '送达日期 — delivered on' })
  @Property({ type: 'date', nullable: true })
  deliveredOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '申诉截止日期 — appeals accepted until (10 working days after delivery); empty until delivered' })
  @Property({ type: 'date', nullable: true })
  appealBy?: string | null;

  @Property({ type: 'uuid', nullable: true })
  sanctionId?: string | null;
}
