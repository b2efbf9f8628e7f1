import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Persons registered somewhere, from registry's events: scores are accepted for them only. */
@Entity({ tableName: 'person_view' })
export class PersonView {
  [OptionalProps]?: 'institutionCodes' | 'regionCodes' | 'category';

  @PrimaryKey({ type: 'string', length: 16 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  /** Where the person works (institutions and their regions), for row scope on scoring's fields. */
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  institutionCodes: string[] = [];

  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  regionCodes: string[] = [];

  /** The personnel category registry last told (analytics group by it); null for persons known before it was kept. */
  @Property({ type: 'text', nullable: true })
  category?: string | null;
}
