import { ArrayType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Registry's read model of agreements' measures (AgreementMeasureApplied): causes of the statuses of the persons they name (domain/status.ts). */
@Entity({ tableName: 'agreement_measure_view' })
@Index({ name: 'agreement_measure_view_institution_index', properties: ['institutionCode'] })
// Which measures name a person: `code = any(responsible_person_codes)`.
@Index({
  name: 'agreement_measure_view_responsible_index',
  expression: 'create index agreement_measure_view_responsible_index on registry.agreement_measure_view using gin (responsible_person_codes)',
})
export class AgreementMeasureView {
  @PrimaryKey({ type: 'uuid' })
  measureId!: string;

  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Enum({ items: ['SUSPEND', 'RESUME', 'TERMINATE'] })
  action!: 'SUSPEND' | 'RESUME' | 'TERMINATE';

  @Property({ type: 'date' })
  effectiveOn!: string;

  /** Arrival order: of two causes on the same day, the later decided wins. */
  @Property({ type: 'bigint', generated: 'identity', autoincrement: true })
  sequence!: string;

  /** A department's measure holds the department's staff only. */
  @Property({ type: 'text', nullable: true })
  department?: string | null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  responsiblePersonCodes!: string[];

  @Property({ type: 'boolean' })
  allStaff!: boolean;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text', nullable: true })
  basisDocument?: string | null;
}
