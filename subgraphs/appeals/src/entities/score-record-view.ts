import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Appeals' read model of score records, from scoring's events: what an appeal can be filed against. */
@Entity({ tableName: 'score_record_view' })
export class ScoreRecordView {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  @Property({ type: 'integer' })
  points!: number;

  @Property({ type: 'date' })
  decidedOn!: string;

  @Property({ type: 'text' })
  documentNumber!: string;

  @Property({ type: 'string', length: 6, nullable: true })
  regionCode?: string | null;

  /** A1: last day an appeal is accepted, once the notice was delivered. */
  @Property({ type: 'date', nullable: true })
  appealBy?: string | null;
}
