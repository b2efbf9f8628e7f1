import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Registry's read model of every agreement of every institution, kept from agreements' events (G1, E3). */
@Entity({ tableName: 'agreement_view' })
export class AgreementView {
  @PrimaryKey({ type: 'string', length: 12 })
  institutionCode!: string;

  /** Agreements of one institution never start on the same day (agreements subgraph keeps it unique). */
  @PrimaryKey({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'string' })
  status!: string;

  @Property({ type: 'date' })
  validUntil!: string;
}
