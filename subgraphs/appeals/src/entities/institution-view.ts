import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Appeals' read model of institutions, for agreement disputes and region scope. */
@Entity({ tableName: 'institution_view' })
export class InstitutionView {
  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  /** MEDICAL or PHARMACY (G0): analytics group appeal outcomes by it. */
  @Property({ type: 'text' })
  kind!: 'MEDICAL' | 'PHARMACY';
}
