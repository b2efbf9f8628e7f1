import { Check, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { PolicyRuleSet } from './rule-set';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "负面情形 — a negative situation of a rule set's catalogue, with its point range" })
@Entity({ tableName: 'violation_item' })
@Check({ name: 'violation_item_check', expression: '1 <= min_points and min_points <= max_points and max_points <= 12' })
export class ViolationItem {
  @ManyToOne(() => PolicyRuleSet, {
    primary: true,
    mapToPk: true,
    fieldName: 'rule_set_id',
    foreignKeyName: 'violation_item_rule_set_id_fkey',
    updateRule: 'no action',
    deleteRule: 'no action',
  })
  ruleSetId!: string;

  @Field(() => ID, { description: '情形编码 — item code' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field({ description: '情形名称 — what the violation is' })
  @Property({ type: 'text' })
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
