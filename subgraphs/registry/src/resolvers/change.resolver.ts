import { decodeCursor, encodeCursor, pageSize, toConnection } from '@pq/graphql';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Person } from '../entities/person';
import { ChangeRow, changesPage, countChanges } from '../repositories/change-feed';
import { Change, ChangeConnection, ChangeFilter } from './change.types';
import type { Context } from './context';
import { PERMISSIONS } from './permissions';

/**
 * A cursor names a feed position, which never changes once committed: valid across restarts and
 * deployments. The version prefix lets its form change later without breaking stored cursors.
 */
const CURSOR = /^v1:(\d{1,18})$/;
const cursorKey = (change: { position: string }) => `v1:${change.position}`;

function positionOf(after: string | undefined): string {
  const key = decodeCursor(after, (key) => CURSOR.test(key));
  return key === undefined ? '0' : CURSOR.exec(key)![1];
}

function change(row: ChangeRow): Change {
  // What the entry's kind records beside the common columns (commands/change-feed.ts, record-causes.ts, domain/change-feed.ts).
  const details = row.payload as Partial<Change>;
  return {
    position: row.position,
    cursor: encodeCursor(cursorKey(row)),
    kind: row.kind,
    effectiveOn: row.effectiveOn,
    recordedAt: row.recordedAt,
    basisDocument: row.basisDocument,
    personCode: row.personCode,
    institution: row.institutionCode ? { code: row.institutionCode } : null,
    registrationId: details.registrationId ?? null,
    status: details.status ?? null,
    previousStatus: details.previousStatus ?? null,
    cause: details.cause ?? null,
    scoreRecordId: details.scoreRecordId ?? null,
    points: details.points ?? null,
    appealId: details.appealId ?? null,
    sanctionId: details.sanctionId ?? null,
    sanctionKind: details.sanctionKind ?? null,
    until: details.until ?? null,
    reRegistrationBlockedUntil: details.reRegistrationBlockedUntil ?? null,
    measureId: details.measureId ?? null,
    action: details.action ?? null,
    department: details.department ?? null,
    responsiblePersonCodes: details.responsiblePersonCodes ?? null,
    appealOutcome: details.appealOutcome ?? null,
    agreementStatus: details.agreementStatus ?? null,
    previousAgreementStatus: details.previousAgreementStatus ?? null,
    agreementValidFrom: details.agreementValidFrom ?? null,
    agreementValidUntil: details.agreementValidUntil ?? null,
  };
}

@Resolver(() => Change)
export class ChangeResolver {
  @Authorized(PERMISSIONS.changes)
  @Query(() => ChangeConnection, {
    description: '变更订阅 — what changed, in feed order, after a cursor: store the last cursor and ask again (002 art.37, 52); every read is audited',
  })
  async changes(
    @Ctx() context: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100, description: '每页条数 — page size (at most 500)' }) first: number | null = 100,
    @Arg('after', () => String, { nullable: true, description: '游标 — entries after this cursor; none: from the start' }) after?: string,
    @Arg('filter', () => ChangeFilter, { nullable: true, description: '筛选 — filter' }) filter?: ChangeFilter,
  ): Promise<InstanceType<typeof ChangeConnection>> {
    const from = positionOf(after ?? undefined);
    const limit = pageSize(first);
    const rows = await changesPage(context.em, context.caller, filter ?? {}, from, limit + 1);
    const page = toConnection(ChangeConnection, rows.map(change), limit, cursorKey, () => countChanges(context.em, context.caller, filter ?? {}));
    // At the end the partner keeps its place: the same cursor asks again later.
    page.pageInfo.endCursor ??= after ?? null;
    const to = page.edges.at(-1)?.node.position ?? from;
    const region = context.caller.region;
    context.audit.record({ operation: 'read changes', target: `${from}..${to}`, scope: { regionCodes: region ? [region] : [], institutionCodes: [] } });
    return page;
  }

  @FieldResolver()
  person(@Root() change: Change, @Ctx() context: Context): Promise<Person | null> | null {
    return change.personCode ? context.loaders.person.load(change.personCode) : null;
  }
}
