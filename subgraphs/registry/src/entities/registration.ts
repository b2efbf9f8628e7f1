import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { RegistrationStatus } from '../domain/personnel';

@Directive('@key(fields: "id")')
@ObjectType({ description: '登记备案 — a person registered at one institution' })
@Entity({ tableName: 'registration' })
export class Registration {
  @Field(() => ID, { description: '登记备案标识 — registration id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Field(() => RegistrationStatus, { description: '登记备案状态 — status at this institution' })
  @Enum({ items: () => RegistrationStatus })
  status!: RegistrationStatus;

  @Field(() => DateScalar, { nullable: true, description: '服务承诺签署日期 — when the service commitment was signed (R8)' })
  @Property({ type: 'date', nullable: true })
  commitmentSignedOn?: string | null;

  @Field(() => DateScalar, { description: '登记备案日期 — registered on' })
  @Property({ type: 'date' })
  registeredOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '取消登记备案日期 — cancelled on (R4)' })
  @Property({ type: 'date', nullable: true })
  cancelledOn?: string | null;

  @Field(() => String, { nullable: true, description: '取消原因 — why the registration was cancelled (R4)' })
  @Property({ type: 'string', nullable: true })
  cancelReason?: string | null;

  @Field(() => String, { nullable: true, description: '执业类型 — practice type' })
  @Property({ type: 'string', nullable: true })
  practiceType?: string | null;

  @Field(() => String, { nullable: true, description: '执业类别 — practice category' })
  @Property({ type: 'string', nullable: true })
  practiceCategory?: string | null;

  @Field(() => String, { nullable: true, description: '执业范围 — practice scope' })
  @Property({ type: 'string', nullable: true })
  practiceScope?: string | null;

  @Field(() => String, { nullable: true, description: '专业技术职务 — professional title' })
  @Property({ type: 'string', nullable: true })
  professionalTitle?: string | null;
}
