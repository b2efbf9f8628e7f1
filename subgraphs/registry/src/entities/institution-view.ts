import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Registry's read model of institutions (their agreements' statuses are in AgreementStatusInterval), kept from agreements' events. */
@Entity({ tableName: 'institution_view' })
export class InstitutionView {
  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Property({ type: 'text' })
  kind!: 'MEDICAL' | 'PHARMACY';

  @Property({ type: 'string', length: 6 })
  regionCode!: string;
}
