import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Institutions, their region and kind, from agreements' events: the region picks the rule set. */
@Entity({ tableName: 'institution_view' })
export class InstitutionView {
  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  /** MEDICAL or PHARMACY (G0): analytics group by it. */
  @Property({ type: 'text' })
  kind!: 'MEDICAL' | 'PHARMACY';
}
