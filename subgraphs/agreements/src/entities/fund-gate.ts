import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** 基金闸门 — whether a region stops accepting inpatient designations for a year (G11); a prefix covers its sub-regions. */
@Entity({ tableName: 'fund_gate' })
export class FundGate {
  @PrimaryKey({ type: 'text' })
  regionPrefix!: string;

  @PrimaryKey({ type: 'integer' })
  year!: number;

  @Property({ type: 'boolean' })
  inpatientClosed!: boolean;
}
