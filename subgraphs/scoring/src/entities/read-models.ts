import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** The year's running total per person (S6); the row every scoring of the person updates. */
@Entity({ tableName: 'person_year' })
export class PersonYear {
  @PrimaryKey({ type: 'string', length: 16 })
  personCode!: string;

  @PrimaryKey({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  points!: number;
}

/** Persons registered somewhere, from registry's events: scores are accepted for them only. */
@Entity({ tableName: 'known_person' })
export class KnownPerson {
  [OptionalProps]?: 'institutionCodes' | 'regionCodes';

  @PrimaryKey({ type: 'string', length: 16 })
  code!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string[]' })
  institutionCodes: string[] = [];

  @Property({ type: 'string[]' })
  regionCodes: string[] = [];
}

/** Institutions and their region, from agreements' events: the region picks the rule set. */
@Entity({ tableName: 'known_institution' })
export class KnownInstitution {
  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;
}
