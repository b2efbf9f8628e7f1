import { Caller, isRegionScoped, seesEverything } from '@pq/caller';
import type { EntityManager } from './db';
import { runIdempotent } from './idempotency';
import { queryRows } from './rows';

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

/**
 * Where an audit entry belongs: the regions and institutions of what it concerns (for a person,
 * their region and those of the institutions where they are registered), as the row scope of that
 * data has them. An entry with none (a national rule set) is read by national callers only.
 */
export interface AuditScope {
  regionCodes: string[];
  institutionCodes: string[];
}

export const mergeAuditScopes = (...scopes: AuditScope[]): AuditScope => ({
  regionCodes: [...new Set(scopes.flatMap((s) => s.regionCodes))].sort(),
  institutionCodes: [...new Set(scopes.flatMap((s) => s.institutionCodes))].sort(),
});

export interface AuditEntryInput {
  operation: string;
  target: string;
  basisDocument?: string | null;
  scope: AuditScope;
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
  await queryRows(em, {
    text: `insert into "${schema}".audit_log (request_id, caller, caller_role, operation, target, basis_document, region_codes, institution_codes)
           select $1, $2, $3, e.operation, e.target, e."basisDocument",
                  array(select jsonb_array_elements_text(e.scope -> 'regionCodes')), array(select jsonb_array_elements_text(e.scope -> 'institutionCodes'))
             from jsonb_to_recordset($4::jsonb) as e(operation text, target text, "basisDocument" text, scope jsonb)`,
    values: [requestId, caller.sub, caller.role, JSON.stringify(entries)],
  });
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
  audit: { target: (result: R) => string; basisDocument?: string | null; scope: (result: R, em: EntityManager) => Promise<AuditScope> },
): Promise<R> {
  return context.em.transactional((em) =>
    runIdempotent(em, schema, context.caller, operation, input, async () => {
      const result = await perform(em);
      const scope = await audit.scope(result, em);
      await writeAudit(em, schema, context.caller, context.requestId, [
        { operation, target: audit.target(result), basisDocument: audit.basisDocument ?? null, scope },
      ]);
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

/** The entries the caller may read: as `canSee` (@pq/caller) over the entry's regions and institutions. */
function auditScopeCondition(caller: Caller, param: (value: unknown) => string): string | null {
  if (seesEverything(caller)) return null;
  if (isRegionScoped(caller)) return `exists (select 1 from unnest(region_codes) as region where region like ${param(`${caller.region}%`)})`;
  if (caller.role === 'INSTITUTION') return `${param(caller.institution)} = any(institution_codes)`;
  return 'false';
}

/**
 * A page of a subgraph's audit log as the caller may read it (the row scope of what each entry
 * concerns), newest first: `limit` entries (one more tells whether a page follows) before the entry `beforeId`
 * (`backward`: after it, oldest first, from the oldest when there is none).
 */
export async function readAuditLog(
  em: EntityManager,
  schema: string,
  caller: Caller,
  filter: AuditLogFilter,
  beforeId: string | undefined,
  limit: number,
  backward = false,
): Promise<{ entries: AuditLogEntry[]; count(): Promise<number> }> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const scope = auditScopeCondition(caller, param);
  if (scope) conditions.push(scope);
  for (const [column, value] of [
    ['target', filter.target],
    ['caller', filter.caller],
    ['operation', filter.operation],
  ] as const) {
    if (value) conditions.push(`${column} = ${param(value)}`);
  }
  const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
  const filtered = [...params];
  const pageWhere = beforeId ? `${where ? `${where} and` : 'where'} id ${backward ? '>' : '<'} ${param(beforeId)}` : where;
  const rows = await queryRows<AuditRow>(em, {
    text: `select id, at, caller, caller_role, operation, target, basis_document, request_id from "${schema}".audit_log ${pageWhere} order by id ${backward ? 'asc' : 'desc'} limit ${param(limit)}`,
    values: params,
  });
  return {
    entries: rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at),
      caller: r.caller,
      callerRole: r.caller_role,
      operation: r.operation,
      target: r.target,
      basisDocument: r.basis_document,
      requestId: r.request_id,
    })),
    async count() {
      const [{ count }] = await queryRows<{ count: number }>(em, {
        text: `select count(*)::int as count from "${schema}".audit_log ${where}`,
        values: filtered,
      });
      return count;
    },
  };
}
