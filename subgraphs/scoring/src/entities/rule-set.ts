import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ID, ObjectType } from 'type-graphql';
import type { RuleSetParameters } from '../domain/rule-set';

@ObjectType({ description: '记分规则集 — a versioned policy rule set: every regional parameter of scoring' })
@Entity({ tableName: 'policy_rule_set' })
@Unique({ name: 'policy_rule_set_region_prefix_effective_from_key', properties: ['regionPrefix', 'effectiveFrom'] })
export class PolicyRuleSet {
  @Field(() => ID, { description: '规则集标识 — rule set id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field({ description: '名称 — name' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: '适用区划前缀 — region-code prefix it applies to; empty for the national default' })
  @Property({ type: 'text' })
  regionPrefix!: string;

  @Field(() => DateScalar, { description: '生效日期 — in force from' })
  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Property({ type: 'jsonb' })
  parameters!: RuleSetParameters;
}
