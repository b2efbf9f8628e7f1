import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Registry's read model of scoring's sanctions (SanctionDecided, SanctionLifted, ReRegistrationBanChanged): causes of persons' statuses (domain/status.ts). */
@Entity({ tableName: 'sanction_view' })
@Index({ name: 'sanction_view_person_index', properties: ['personCode'] })
export class SanctionView {
  @PrimaryKey({ type: 'uuid' })
  sanctionId!: string;

  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Enum({ items: ['SUSPENSION', 'TERMINATION'] })
  kind!: 'SUSPENSION' | 'TERMINATION';

  @Property({ type: 'date' })
  validFrom!: string;

  /** Last day of a suspension; null for a termination. */
  @Property({ type: 'date', nullable: true })
  until?: string | null;

  @Property({ type: 'date' })
  decidedOn!: string;

  /** Arrival order: of two causes on the same day, the later decided wins. */
  @Property({ type: 'bigint', generated: 'identity', autoincrement: true })
  sequence!: string;

  @Property({ type: 'date', nullable: true })
  liftedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  annulledOn?: string | null;

  @Property({ type: 'text', nullable: true })
  liftCause?: string | null;

  @Property({ type: 'date', nullable: true })
  reRegistrationBlockedUntil?: string | null;

  @Property({ type: 'text' })
  basisDocument!: string;
}
