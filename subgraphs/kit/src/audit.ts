import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, Directive, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Caller } from './auth';
import { ConnectionType, decodeCursor, pageSize, toConnection } from './connection';
import type { RequestContext } from './context';
import { runIdempotent } from './idempotency';
import { PERMISSIONS } from './permissions';
import { DateTimeScalar } from './scalars';

export function auditTableSql(schema: string): string[] {
  return [
    `create table "${schema}".audit_log (
       id bigserial primary key,
       at timestamptz not null default now(),
       request_id text,
       caller text not null,
       caller_role text not null,
       operation text not null,
       target text not null,
       basis_document text)`,
    `create index audit_log_target_index on "${schema}".audit_log (target, at)`,
  ];
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

/**
 * Every mutation: one transaction, at most once per idempotency key, and an audit entry
 * (who, what, when, on which document) committed with the change (P3: traceable responsibility).
 */
export async function runMutation<R>(
  context: RequestContext,
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

@Directive('@shareable')
@ObjectType({ description: '审计记录 — who did or read what, when, on which document (002 art.50, 56)' })
export class AuditEntry {
  @Field(() => ID, { description: '标识 — id' })
  id!: string;

  @Field(() => DateTimeScalar, { description: '时间 — when' })
  at!: Date;

  @Field({ description: '操作人 — user id' })
  caller!: string;

  @Field({ description: '角色 — role' })
  callerRole!: string;

  @Field({ description: '操作 — operation or read' })
  operation!: string;

  @Field({ description: '对象 — what it concerned' })
  target!: string;

  @Field(() => String, { nullable: true, description: '依据文书 — basis document' })
  basisDocument!: string | null;

  @Field(() => String, { nullable: true, description: '请求标识 — request id (x-request-id)' })
  requestId!: string | null;
}

@InputType({ description: '审计筛选 — filter for audit entries' })
export class AuditLogFilter {
  @Field({ nullable: true, description: '对象 — entries concerning this target (a personnel code, an institution code, an id)' })
  target?: string;

  @Field({ nullable: true, description: '操作人 — entries by this user' })
  caller?: string;

  @Field({ nullable: true, description: '操作 — entries of this operation' })
  operation?: string;
}

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry', '审计记录', { shareable: true });
type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;

/** `<subgraph>AuditLog`: each subgraph's own audit log, newest first, for the administration. */
export function auditLogResolver(schema: string) {
  @Resolver()
  class AuditLogResolver {
    @Authorized(PERMISSIONS.auditLog)
    @Query(() => AuditEntryConnection, { name: `${schema}AuditLog`, description: `审计日志 — the ${schema} subgraph's audit log, newest first` })
    async auditLog(
      @Ctx() context: RequestContext,
      @Arg('filter', () => AuditLogFilter, { nullable: true, description: '筛选 — filter' }) filter?: AuditLogFilter,
      @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: '每页条数 — page size (at most 500)' }) first: number | null = 50,
      @Arg('after', () => String, { nullable: true, description: '游标 — items after this cursor' }) after?: string,
    ): Promise<AuditEntryConnection> {
      const limit = pageSize(first);
      const conditions: string[] = [];
      const params: unknown[] = [];
      for (const [column, value] of [['target', filter?.target], ['caller', filter?.caller], ['operation', filter?.operation]] as const) {
        if (value) {
          conditions.push(`${column} = ?`);
          params.push(value);
        }
      }
      const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
      const before = decodeCursor(after);
      const pageWhere = before ? `${where ? `${where} and` : 'where'} id < ?` : where;
      const rows: any[] = await context.em.execute(
        `select id, at, caller, caller_role, operation, target, basis_document, request_id from "${schema}".audit_log ${pageWhere} order by id desc limit ?`,
        [...params, ...(before ? [before] : []), limit + 1],
      );
      const entries = rows.map((r) => ({ id: String(r.id), at: new Date(r.at), caller: r.caller, callerRole: r.caller_role, operation: r.operation, target: r.target, basisDocument: r.basis_document, requestId: r.request_id }));
      return toConnection(AuditEntryConnection, entries, limit, (e) => e.id, async () => {
        const [{ count }] = await context.em.execute(`select count(*)::int as count from "${schema}".audit_log ${where}`, params);
        return count;
      });
    }
  }
  return AuditLogResolver;
}
