import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar, Node } from '@pq/graphql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Gender, PersonnelCategory, RegistrationStatus } from '../domain/personnel';

@Directive('@key(fields: "code")')
@ObjectType({ implements: Node, description: '医药机构相关人员 — a registered person, with one file across institutions and regions (一医一档)' })
@Entity({ tableName: 'person' })
// Prefix searches (name starts with, region prefix in code order) need the pattern operator class.
@Index({ name: 'person_name_index', expression: 'create index person_name_index on registry.person (name text_pattern_ops)' })
@Index({ name: 'person_region_code_index', expression: 'create index person_region_code_index on registry.person (region_code text_pattern_ops, code)' })
export class Person {
  @Field(() => ID, { description: '医保相关人员代码 — national personnel code' })
  @PrimaryKey({ type: 'string', length: 16 })
  code!: string;

  @Field({ description: '姓名 — name' })
  @Property({ type: 'text' })
  name!: string;

  /** Full ID number: never a plain field; exposed masked (person.resolver.ts). */
  @Property({ type: 'string', length: 18 })
  idNumber!: string;

  /** The masked middle of the ID number: exposed to personal-data readers only (person.resolver.ts). */
  @Property({ type: 'date' })
  birthDate!: string;

  @Field(() => Gender, { nullable: true, description: '性别 — gender' })
  @Property({ type: 'text', nullable: true })
  gender?: Gender | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Field(() => PersonnelCategory, { description: '人员类别 — personnel category' })
  @Property({ type: 'text' })
  category!: PersonnelCategory;

  @Field({ description: '医保区划 — region of the personnel code' })
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Field(() => RegistrationStatus, { description: '人员状态 — person-level status; a sanction applies at every site' })
  @Property({ type: 'text' })
  status!: RegistrationStatus;

  @Field(() => DateScalar, { nullable: true, description: '禁止再登记备案截止日期 — no new registration until after this date (R9)' })
  @Property({ type: 'date', nullable: true })
  reRegistrationBlockedUntil?: string | null;
}
