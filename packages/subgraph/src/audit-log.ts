import type { Role } from '@pq/caller';
import { readAuditLog } from '@pq/data';
import { ConnectionType, DateTimeScalar, PageArgs, pageOf, toConnection } from '@pq/graphql';
import { Arg, Args, Authorized, Ctx, Directive, Field, ID, InputType, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from './context';

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

/** Who reads the audit logs: the administration and the national agency. */
const AUDIT_LOG_READERS: Role[] = ['ADMINISTRATION', 'NATIONAL_AGENCY'];

/** `<subgraph>AuditLog`: each subgraph's own audit log, newest first, for the administration, within the caller's region. */
export function auditLogResolver(schema: string) {
  @Resolver()
  class AuditLogResolver {
    @Authorized(AUDIT_LOG_READERS)
    @Query(() => AuditEntryConnection, {
      name: `${schema}AuditLog`,
      description: `审计日志 — the ${schema} subgraph's audit log, newest first, paged forward (first, after) or back (last, before); a regional caller reads the entries about its region's persons and institutions`,
    })
    async auditLog(
      @Ctx() context: RequestContext,
      @Args() paging: PageArgs,
      @Arg('filter', () => AuditLogFilter, { nullable: true, description: '筛选 — filter' }) filter?: AuditLogFilter,
    ): Promise<AuditEntryConnection> {
      const page = pageOf(paging, (key) => /^\d{1,18}$/.test(key));
      const log = await readAuditLog(context.em, schema, context.caller, filter ?? {}, page.key, page.size + 1, page.backward);
      return toConnection(AuditEntryConnection, log.entries, page.size, (e) => e.id, log.count, page);
    }
  }
  return AuditLogResolver;
}
