import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { AgreementStatus } from '../domain/institution';

@ObjectType({ description: '医保服务协议 — the service agreement that gives an institution and its staff payment qualification' })
@Entity({ tableName: 'agreement' })
@Index({ properties: ['institutionCode', 'validFrom'] })
export class Agreement {
  @Field(() => ID, { description: '协议标识 — agreement id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  /** As stored; the API shows the effective status (agreement.resolver.ts). */
  @Enum({ items: () => AgreementStatus })
  status!: AgreementStatus;

  @Field(() => DateScalar, { description: '协议生效日期 — first day of validity' })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => DateScalar, { description: '协议截止日期 — last day of validity' })
  @Property({ type: 'date' })
  validUntil!: string;
}
