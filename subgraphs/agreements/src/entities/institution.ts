import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { InstitutionKind } from '../domain/institution';

@Directive('@key(fields: "code")')
@ObjectType({ description: '定点医药机构 — a designated medical institution or retail pharmacy' })
@Entity({ tableName: 'institution' })
// Region-prefix scans (`like '37%'`) and the chain's pharmacies (G13).
@Index({
  name: 'institution_region_code_index',
  expression: 'create index institution_region_code_index on agreements.institution (region_code text_pattern_ops, code)',
})
@Index({ name: 'institution_owner_index', expression: 'create index institution_owner_index on agreements.institution (owner) where owner is not null' })
export class Institution {
  [OptionalProps]?: 'publicInstitution';

  @Field(() => ID, { description: '定点医药机构代码 — institution code: H/P + 6-digit region + 5-digit sequence' })
  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Field({ description: '机构名称 — institution name' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => InstitutionKind, { description: '机构类别 — medical institution or pharmacy' })
  @Enum({ items: () => InstitutionKind })
  kind!: InstitutionKind;

  @Field({ description: '医保区划 — 6-digit insurance region code (GB/T 2260)' })
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Field(() => String, { nullable: true, description: '机构级别 — level' })
  @Property({ type: 'text', nullable: true })
  level?: string | null;

  @Field(() => Int, { nullable: true, description: '床位数 — beds (≥ 100 needs an internal insurance department, G2)' })
  @Property({ type: 'integer', nullable: true })
  beds?: number | null;

  @Field(() => String, { nullable: true, description: '法定代表人 — legal representative' })
  @Property({ type: 'text', nullable: true })
  legalRepresentative?: string | null;

  @Field(() => String, { nullable: true, description: '主要负责人 — principal in charge' })
  @Property({ type: 'text', nullable: true })
  principal?: string | null;

  @Field(() => String, { nullable: true, description: '投资主体/连锁企业 — owner; pharmacies of one owner are terminated together (G13)' })
  @Property({ type: 'text', nullable: true })
  owner?: string | null;

  @Field({ description: '公立医疗机构 — a public institution may not ask to end its agreement (G13)' })
  @Property({ type: 'boolean', default: false })
  publicInstitution: boolean = false;
}
