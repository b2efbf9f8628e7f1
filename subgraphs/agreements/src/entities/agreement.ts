import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgreementStatus } from '../domain/institution';
import { Institution } from './institution';

@ObjectType({ description: '医保服务协议 — the service agreement that gives an institution and its staff payment qualification' })
@Entity({ tableName: 'agreement' })
@Unique({ name: 'agreement_institution_region_valid_from_key', properties: ['institutionCode', 'regionCode', 'validFrom'] })
export class Agreement {
  [OptionalProps]?: 'renewalPending' | 'suspensionCount';

  @Field(() => ID, { description: '协议标识 — agreement id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Institution, {
    mapToPk: true,
    fieldName: 'institution_code',
    foreignKeyName: 'agreement_institution_code_fkey',
    deleteRule: 'no action',
    updateRule: 'no action',
  })
  institutionCode!: string;

  @Field({
    description: "统筹地区 — the co-ordination region (统筹地区) whose agency signed it; the institution's own region for its home agreement (003 art.33)",
  })
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  /** As stored; the API shows the effective status (agreement.resolver.ts). */
  @Enum({ items: () => AgreementStatus })
  status!: AgreementStatus;

  @Field(() => DateScalar, {
    description: '状态起始日期 — the day the current status took effect: the effective day of the measure that set it, else the first day of validity',
  })
  @Property({ type: 'date' })
  statusSince!: string;

  @Field(() => DateScalar, { description: '协议生效日期 — first day of validity' })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => DateScalar, { description: '协议截止日期 — last day of validity' })
  @Property({ type: 'date' })
  validUntil!: string;

  @Field({ description: '续签审核中 — a renewal is being decided; validity extends meanwhile (G9)' })
  @Property({ type: 'boolean' })
  renewalPending: boolean = false;

  @Field(() => DateScalar, { nullable: true, description: '中止起始日期 — suspended since' })
  @Property({ type: 'date', nullable: true })
  suspendedSince?: string | null;

  @Field(() => Int, { description: '有效期内中止次数 — suspensions within this validity (a second one is a termination trigger, G13)' })
  @Property({ type: 'integer' })
  suspensionCount: number = 0;
}
