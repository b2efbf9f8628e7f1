import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar, DateTimeScalar, Node } from '@pq/graphql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { RegistrationStatus } from '../domain/personnel';
import { Person } from './person';

@Directive('@key(fields: "id")')
@ObjectType({ implements: Node, description: '登记备案 — a person registered at one institution' })
@Entity({ tableName: 'registration' })
@Index({ name: 'registration_institution_code_index', properties: ['institutionCode', 'status'] })
// Personnel pages and their counts read it alone, in person-code order (repositories/registrations.ts personnelPageRows).
@Index({ name: 'registration_institution_person_status_index', properties: ['institutionCode', 'personCode', 'status'] })
@Index({ name: 'registration_updated_at_index', properties: ['updatedAt', 'id'] })
// R4/R5: one live registration per person and institution; a terminated or cancelled one may be followed by a new one.
@Index({
  name: 'registration_live_unique',
  expression: `create unique index registration_live_unique on registry.registration (person_code, institution_code) where status in ('NORMAL', 'SUSPENDED')`,
})
export class Registration {
  [OptionalProps]?: 'updatedAt';

  @Field(() => ID, { description: '登记备案标识 — registration id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index({ name: 'registration_person_code_index' })
  @ManyToOne(() => Person, {
    mapToPk: true,
    fieldName: 'person_code',
    foreignKeyName: 'registration_person_code_fkey',
    deferMode: 'deferred',
    updateRule: 'no action',
    deleteRule: 'no action',
  })
  personCode!: string;

  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Field(() => RegistrationStatus, { description: '登记备案状态 — status at this institution' })
  @Property({ type: 'text' })
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
  @Property({ type: 'text', nullable: true })
  cancelReason?: string | null;

  @Field(() => String, { nullable: true, description: '执业类型 — practice type' })
  @Property({ type: 'text', nullable: true })
  practiceType?: string | null;

  @Field(() => String, { nullable: true, description: '执业类别 — practice category' })
  @Property({ type: 'text', nullable: true })
  practiceCategory?: string | null;

  @Field(() => String, { nullable: true, description: '执业范围 — practice scope' })
  @Property({ type: 'text', nullable: true })
  practiceScope?: string | null;

  @Field(() => String, { nullable: true, description: '专业技术职务 — professional title' })
  @Property({ type: 'text', nullable: true })
  professionalTitle?: string | null;

  /** Its own changes through the unit of work; derived status and history changes in their repositories (status-history.ts). */
  @Field(() => DateTimeScalar, { description: '最后更新时间 — when the registration or its status history last changed' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
