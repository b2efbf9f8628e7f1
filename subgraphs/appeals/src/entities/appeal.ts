import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AppealStatus } from '../domain/appeal';

@Directive('@key(fields: "id")')
@ObjectType({ description: '异议申诉 — an appeal against a score or a status decision (002 art.41–44)' })
@Entity({ tableName: 'appeal' })
export class Appeal {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID, { description: '申诉标识 — appeal id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  scoreRecordId!: string;

  @Index()
  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Field(() => AppealStatus, { description: '申诉状态 — status' })
  @Enum({ items: () => AppealStatus })
  status!: AppealStatus;

  @Field(() => DateScalar, { description: '受理日期 — received on' })
  @Property({ type: 'date' })
  filedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '应作出决定日期 — decision due by (20 working days after receipt, expert time excluded)' })
  @Property({ type: 'date', nullable: true })
  decideBy?: string | null;

  @Field({ description: '申诉理由 — grounds' })
  @Property({ type: 'text' })
  statement!: string;

  @Property({ type: 'string' })
  filedBy!: string;

  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}
