import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * The tables every subgraph's schema has besides its own (created by each subgraph's migrations):
 * events written in the change's transaction and their deliveries (retries, dead letters, the
 * relay's lease), events applied, idempotency keys, the audit log. Named as PostgreSQL named them
 * when created.
 */
@Entity({ tableName: 'outbox_event' })
export class OutboxEventRow {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

  @Unique({ name: 'outbox_event_id_key' })
  @Property({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text' })
  aggregateKey!: string;

  @Property({ type: 'jsonb' })
  payload!: unknown;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  occurredAt!: Date;
}

@Entity({ tableName: 'outbox_pending' })
export class OutboxPendingRow {
  @PrimaryKey({ type: 'text' })
  subscriber!: string;

  @ManyToOne(() => OutboxEventRow, {
    primary: true,
    mapToPk: true,
    fieldName: 'seq',
    deleteRule: 'cascade',
    updateRule: 'no action',
    foreignKeyName: 'outbox_pending_seq_fkey',
  })
  seq!: string;
}

@Entity({ tableName: 'outbox_retry' })
export class OutboxRetryRow {
  @PrimaryKey({ type: 'text' })
  subscriber!: string;

  @ManyToOne(() => OutboxEventRow, {
    primary: true,
    mapToPk: true,
    fieldName: 'seq',
    deleteRule: 'cascade',
    updateRule: 'no action',
    foreignKeyName: 'outbox_retry_seq_fkey',
  })
  seq!: string;

  @Property({ type: 'int' })
  attempts!: number;

  @Property({ type: 'text' })
  lastError!: string;

  @Property({ type: 'timestamptz' })
  retryAt!: Date;
}

@Entity({ tableName: 'outbox_dead_letter' })
export class OutboxDeadLetterRow {
  @PrimaryKey({ type: 'text' })
  subscriber!: string;

  @ManyToOne(() => OutboxEventRow, {
    primary: true,
    mapToPk: true,
    fieldName: 'seq',
    deleteRule: 'cascade',
    updateRule: 'no action',
    foreignKeyName: 'outbox_dead_letter_seq_fkey',
  })
  seq!: string;

  @Property({ type: 'int' })
  attempts!: number;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  deadAt!: Date;
}

@Entity({ tableName: 'relay_lease' })
export class RelayLeaseRow {
  @PrimaryKey({ type: 'text' })
  subscriber!: string;

  @Property({ type: 'text' })
  holder!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}

@Entity({ tableName: 'processed_event' })
export class ProcessedEventRow {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  processedAt!: Date;
}

@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKeyRow {
  @PrimaryKey({ type: 'text' })
  caller!: string;

  @PrimaryKey({ type: 'text' })
  operation!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'jsonb', nullable: true })
  result?: unknown;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}

@Entity({ tableName: 'audit_log' })
@Index({ name: 'audit_log_target_index', properties: ['target', 'at'] })
export class AuditLogRow {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at!: Date;

  @Property({ type: 'text', nullable: true })
  requestId?: string | null;

  @Property({ type: 'text' })
  caller!: string;

  @Property({ type: 'text' })
  callerRole!: string;

  @Property({ type: 'text' })
  operation!: string;

  @Property({ type: 'text' })
  target!: string;

  @Property({ type: 'text', nullable: true })
  basisDocument?: string | null;

  /** Where the entry belongs (row scope of what it concerns), so the log is read within that scope. */
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  regionCodes!: string[];

  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  institutionCodes!: string[];
}

export const PLATFORM_ENTITIES = [
  OutboxEventRow,
  OutboxPendingRow,
  OutboxRetryRow,
  OutboxDeadLetterRow,
  RelayLeaseRow,
  ProcessedEventRow,
  IdempotencyKeyRow,
  AuditLogRow,
];
