import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { InstitutionKind } from '../domain/institution';

@Directive('@key(fields: "code")')
@ObjectType({ description: '定点医药机构 — a designated medical institution or retail pharmacy' })
@Entity({ tableName: 'institution' })
export class Institution {
  @Field(() => ID, { description: '定点医药机构代码 — institution code: H/P + 6-digit region + 5-digit sequence' })
  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Field({ description: '机构名称 — institution name' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => InstitutionKind, { description: '机构类别 — medical institution or pharmacy' })
  @Enum({ items: () => InstitutionKind })
  kind!: InstitutionKind;

  @Field({ description: '医保区划 — 6-digit insurance region code (GB/T 2260)' })
  @Index()
  @Property({ type: 'string', length: 6 })
  regionCode!: string;
}
