import { ArrayType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One entry of the partners' change feed (repositories/change-feed.ts writes and reads it). */
@Entity({ tableName: 'change_feed' })
export class ChangeEntry {
  /** The feed's order: written one transaction at a time, so a committed position never precedes an uncommitted one. */
  @PrimaryKey({ type: 'bigint', generated: 'identity', autoincrement: true })
  position!: string;

  /** The event it records; null for a derived status change. */
  @Property({ type: 'uuid', nullable: true, unique: true })
  sourceEventId?: string | null;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'date' })
  effectiveOn!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt!: Date;

  @Property({ type: 'text', nullable: true })
  basisDocument?: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  personCode?: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  institutionCode?: string | null;

  /** The regions that see it: the institution's, or for an entry about the person alone, the person's. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  regionCodes!: string[];

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;
}
