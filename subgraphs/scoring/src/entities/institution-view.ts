import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Institutions and their region, from agreements' events: the region picks the rule set. */
@Entity({ tableName: 'institution_view' })
export class InstitutionView {
  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;
}
