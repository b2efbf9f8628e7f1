import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Registry's read model of the agreements of every institution, day by day (G1, E3): each
 * agreement's statuses as intervals `[validFrom, validTo)` (open while current), kept from
 * agreements' InstitutionUpserted events, so that payment on a past day is judged by the agreement
 * and its status on that day — a suspension since lifted still stops payment for its days.
 */
@Entity({ tableName: 'agreement_status_interval' })
@Check({ name: 'agreement_status_interval_check', expression: 'valid_to is null or valid_to > valid_from' })
export class AgreementStatusInterval {
  @PrimaryKey({ type: 'string', length: 12 })
  institutionCode!: string;

  /** Agreements of one institution never start on the same day (agreements subgraph keeps it unique). */
  @PrimaryKey({ type: 'date' })
  agreementValidFrom!: string;

  @Property({ type: 'date' })
  agreementValidUntil!: string;

  @Property({ type: 'text' })
  status!: string;

  @PrimaryKey({ type: 'date' })
  validFrom!: string;

  /** First day the status no longer held; null while it is the agreement's current status. */
  @Property({ type: 'date', nullable: true })
  validTo?: string | null;
}
