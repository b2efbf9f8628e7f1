import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

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
