import { randomUUID } from 'node:crypto';
import { DeferMode, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ID, ObjectType } from 'type-graphql';
import { RestorationStatus } from '../domain/restoration';
import { Sanction } from './sanction';

@ObjectType({ description: '资格恢复申请 — an application to restore payment qualification (S13, form 6)' })
@Entity({ tableName: 'restoration_application' })
@Index({
  name: 'restoration_one_open',
  expression: `create unique index restoration_one_open on scoring.restoration_application (sanction_id) where status = 'APPLIED'`,
})
export class RestorationApplication {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID, { description: '申请标识 — id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: '医保相关人员代码 — the person' })
  @Index()
  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Field(() => ID, { description: '处理标识 — the suspension or termination to restore from' })
  @ManyToOne(() => Sanction, {
    mapToPk: true,
    fieldName: 'sanction_id',
    foreignKeyName: 'restoration_application_sanction_id_fkey',
    deferMode: DeferMode.INITIALLY_DEFERRED,
    updateRule: 'no action',
    deleteRule: 'no action',
  })
  sanctionId!: string;

  @Field(() => ID, { description: '定点医药机构代码 — the institution the person applied through' })
  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Field(() => DateScalar, { description: '申请日期 — applied on' })
  @Property({ type: 'date' })
  appliedOn!: string;

  @Field(() => DateScalar, { description: '应决定日期 — decision due by (10 working days)' })
  @Property({ type: 'date' })
  decideBy!: string;

  @Field(() => RestorationStatus, { description: '状态 — applied, approved or rejected' })
  @Property({ type: 'text' })
  status!: RestorationStatus;

  @Field(() => DateScalar, { nullable: true, description: '决定日期 — decided on' })
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @Field(() => String, { nullable: true, description: '理由 — reason of the decision' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
