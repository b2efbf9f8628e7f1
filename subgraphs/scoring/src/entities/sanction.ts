import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar } from '@pq/graphql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SanctionKind, SanctionState } from '../domain/outcome';

@ObjectType({ description: '处理结果 — the outcome of a scoring for a person: notification, interview, suspension or termination' })
@Entity({ tableName: 'sanction' })
@Index({ name: 'sanction_person_state_index', properties: ['personCode', 'state'] })
@Index({ name: 'sanction_from_index', properties: ['from'] })
// At most one suspension or termination in force per person: the invariant concurrent scorings must keep.
@Index({ name: 'sanction_one_in_force', expression: `create unique index sanction_one_in_force on scoring.sanction (person_code) where state = 'IN_FORCE'` })
export class Sanction {
  [OptionalProps]?: 'recordedAt' | 'annulled';

  @Field(() => ID, { description: '处理标识 — id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: '医保相关人员代码 — the person' })
  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Field(() => SanctionKind, { description: '处理类型 — kind of outcome' })
  @Property({ type: 'text' })
  kind!: SanctionKind;

  @Field(() => DateScalar, { description: '起始日期 — first day' })
  @Property({ type: 'date' })
  from!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: '截止日期 — last day of the period (a suspension or the termination ban); the status returns only on an approved restoration (S13)',
  })
  @Property({ type: 'date', nullable: true })
  until?: string | null;

  @Field(() => Int, { nullable: true, description: '暂停月数 — months of suspension' })
  @Property({ type: 'integer', nullable: true })
  months?: number | null;

  @Field(() => Int, { nullable: true, description: '禁止登记年数 — years without new registration after a termination' })
  @Property({ type: 'integer', nullable: true })
  banYears?: number | null;

  @Field(() => Int, { description: "年度累计记分 — the year's total that led to it" })
  @Property({ type: 'integer' })
  yearTotal!: number;

  @Field({ description: '依据 — why, in words' })
  @Property({ type: 'text' })
  reason!: string;

  @Field({ description: '决定文书号 — decision document' })
  @Property({ type: 'text' })
  basisDocument!: string;

  @Field(() => SanctionState, { description: '状态 — recorded, in force, replaced or lifted' })
  @Property({ type: 'text' })
  state!: SanctionState;

  @Field(() => DateScalar, {
    description:
      '决定日期 — the day the decision that put it in force was made: its first day for a new scoring, later when an appeal or a repair re-derived the year',
  })
  @Property({ type: 'date' })
  decidedOn!: string;

  @Field({
    description:
      '已撤销 — annulled: a re-derivation of the year (appeal, repair) found it never should have applied; the days it was enforced stay in the history (002 art.44, 47–48)',
  })
  @Property({ type: 'boolean' })
  annulled: boolean = false;

  @Field(() => DateScalar, { nullable: true, description: '解除日期 — when it stopped applying' })
  @Property({ type: 'date', nullable: true })
  liftedOn?: string | null;

  @Field(() => String, { nullable: true, description: '解除原因 — restoration approved or decision changed on appeal' })
  @Property({ type: 'text', nullable: true })
  liftReason?: string | null;

  /** When the decision was recorded: orders sanctions that take effect on the same day (a replacement after its predecessor). */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
