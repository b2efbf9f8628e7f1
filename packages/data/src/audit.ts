import type { Caller } from '@pq/caller';
import type { EntityManager } from './db';
import { runIdempotent } from './idempotency';

interface AuditRow {
  id: string;
  at: Date;
  caller: string;
  caller_role: string;
  operation: string;
  target: string;
  basis_document: string | null;
  request_id: string | null;
}

export interface AuditEntryInput {
  operation: string;
  target: string;
  basisDocument?: string | null;
}

/** Audit entries of one request (full ID-number reads), written in one statement when it ends. */
export class AuditTrail {
  private entries: AuditEntryInput[] = [];

  constructor(
    private readonly schema: string,
    private readonly caller: Caller,
    private readonly requestId: string,
  ) {}

  record(entry: AuditEntryInput): void {
    this.entries.push(entry);
  }

  /** Writes the recorded reads, if any; `em` is asked for only then. */
  async flush(em: () => EntityManager): Promise<void> {
    if (this.entries.length === 0) return;
    const entries = this.entries;
    this.entries = [];
    await writeAudit(em(), this.schema, this.caller, this.requestId, entries);
  }
}

async function writeAudit(em: EntityManager, schema: string, caller: Caller, requestId: string, entries: AuditEntryInput[]): Promise<void> {
  await em.execute(
    `insert into "${schema}".audit_log (request_id, caller, caller_role, operation, target, basis_document)
     select ?, ?, ?, e.operation, e.target, e."basisDocument" from jsonb_to_recordset(?::jsonb) as e(operation text, target text, "basisDocument" text)`,
    [requestId, caller.sub, caller.role, JSON.stringify(entries)],
  );
}

/** What a mutation needs of its request: its entity manager, who asks, and the request id its audit entry names. */
export interface MutationContext {
  em: EntityManager;
  caller: Caller;
  requestId: string;
}

/**
 * Every mutation: one transaction, at most once per idempotency key, and an audit entry
 * (who, what, when, on which document) committed with the change (P3: traceable responsibility).
 */
export async function runMutation<R>(
  context: MutationContext,
  schema: string,
  operation: string,
  input: { idempotencyKey?: string | null },
  perform: (em: EntityManager) => Promise<R>,
  audit: { target: (result: R) => string; basisDocument?: string | null },
): Promise<R> {
  return context.em.transactional((em) =>
    runIdempotent(em, schema, context.caller, operation, input, async () => {
      const result = await perform(em);
      await writeAudit(em, schema, context.caller, context.requestId, [{ operation, target: audit.target(result), basisDocument: audit.basisDocument ?? null }]);
      return result;
    }),
  );
}

export interface AuditLogFilter {
  target?: string | null;
  caller?: string | null;
  operation?: string | null;
}

export interface AuditLogEntry {
  id: string;
  at: Date;
  caller: string;
  callerRole: string;
  operation: string;
  target: string;
  basisDocument: string | null;
  requestId: string | null;
}

/** A page of a subgraph's audit log, newest first: `limit` entries (one more tells whether a page follows) before the entry `beforeId`. */
export async function readAuditLog(em: EntityManager, schema: string, filter: AuditLogFilter, beforeId: string | undefined, limit: number): Promise<{ entries: AuditLogEntry[]; count(): Promise<number> }> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [['target', filter.target], ['caller', filter.caller], ['operation', filter.operation]] as const) {
    if (value) {
      conditions.push(`${column} = ?`);
      params.push(value);
    }
  }
  const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
  const pageWhere = beforeId ? `${where ? `${where} and` : 'where'} id < ?` : where;
  const rows: AuditRow[] = await em.execute(
    `select id, at, caller, caller_role, operation, target, basis_document, request_id from "${schema}".audit_log ${pageWhere} order by id desc limit ?`,
    [...params, ...(beforeId ? [beforeId] : []), limit],
  );
  return {
    entries: rows.map((r) => ({ id: String(r.id), at: new Date(r.at), caller: r.caller, callerRole: r.caller_role, operation: r.operation, target: r.target, basisDocument: r.basis_document, requestId: r.request_id })),
    async count() {
      const [{ count }] = await em.execute(`select count(*)::int as count from "${schema}".audit_log ${where}`, params);
      return count;
    },
  };
}
