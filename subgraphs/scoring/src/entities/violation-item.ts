import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '负面情形 — a negative situation of a rule set\'s catalogue, with its point range' })
@Entity({ tableName: 'violation_item' })
export class ViolationItem {
  @PrimaryKey({ type: 'string' })
  ruleSetId!: string;

  @Field(() => ID, { description: '情形编码 — item code' })
  @PrimaryKey({ type: 'string' })
  code!: string;

  @Field({ description: '情形名称 — what the violation is' })
  @Property({ type: 'string' })
  title!: string;

  /** 1-based tier in the rule set. */
  @Property({ type: 'integer' })
  tier!: number;

  @Field(() => Int, { description: '最低分值 — lowest points of its tier' })
  @Property({ type: 'integer' })
  minPoints!: number;

  @Field(() => Int, { description: '最高分值 — highest points of its tier' })
  @Property({ type: 'integer' })
  maxPoints!: number;
}
