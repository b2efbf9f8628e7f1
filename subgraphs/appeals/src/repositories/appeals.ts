import { Caller, canSee } from '@pq/caller';
import { EntityManager, findRows, lockAggregates, queryRows, toEntities } from '@pq/data';
import { IsoDate } from '@pq/time';
import { AppealStatus, AppealSubject, OPEN_APPEAL_STATUSES } from '../domain/appeal';
import { Appeal } from '../entities/appeal';
import { AppealStep } from '../entities/appeal-step';
import type { RowFactsSql } from '@pq/subgraph';

/** The appeal aggregate: an appeal and the steps of its life cycle. All of its SQL is here. */

/** Row scope: appeals are visible by the institution's region, to the institution, and to the person. */
export function appealVisible(caller: Caller, appeal: Appeal): boolean {
  return canSee(caller, {
    regionCodes: [appeal.regionCode],
    institutionCodes: [appeal.institutionCode],
    personCodes: appeal.personCode ? [appeal.personCode] : [],
  });
}

/** appealVisible as SQL over an appeal `a`: the institution's region, the institution, the person. */
export const APPEAL_FACTS: RowFactsSql = {
  inRegion: (prefix) => `a.region_code like ${prefix}`,
  ofInstitution: (institution) => `a.institution_code = ${institution}`,
  ofPerson: (person) => `a.person_code = ${person}`,
};

export function findAppeal(em: EntityManager, id: string): Promise<Appeal | null> {
  return em.findOne(Appeal, { id });
}

/** Serialises the steps of one appeal until commit, then reads it as the previous step left it. */
export async function lockAppeal(em: EntityManager, appeal: Appeal): Promise<void> {
  await lockAggregates(em, 'appeal', [appeal.id]);
  await em.refresh(appeal);
}

/** What an appeal is against: a score record, or an institution's agreement decision. */
export type AppealTarget = { scoreRecordId: string } | { decisionDocument: string };

/** Serialises filings against one target until commit, so two never both find it free. */
export function lockAppealTarget(em: EntityManager, institutionCode: string, target: AppealTarget): Promise<void> {
  return lockAggregates(em, 'appeal-target', ['scoreRecordId' in target ? target.scoreRecordId : `${institutionCode}:${target.decisionDocument}`]);
}

export async function hasOpenAppeal(em: EntityManager, institutionCode: string, target: AppealTarget): Promise<boolean> {
  return (await em.count(Appeal, { ...target, institutionCode, status: { $in: [...OPEN_APPEAL_STATUSES] } })) > 0;
}

export function openAppeals(em: EntityManager): Promise<Appeal[]> {
  return em.find(Appeal, { status: { $in: [...OPEN_APPEAL_STATUSES] } });
}

/** The steps of each appeal, oldest first. */
export async function stepsOf(em: EntityManager, appealIds: string[]): Promise<Map<string, AppealStep[]>> {
  const steps = await em.find(AppealStep, { appealId: { $in: appealIds } }, { orderBy: { recordedAt: 'asc' } });
  const byAppeal = new Map<string, AppealStep[]>(appealIds.map((id) => [id, []]));
  for (const step of steps) byAppeal.get(step.appealId)!.push(step);
  return byAppeal;
}

export type NewAppeal = Omit<Appeal, 'id' | 'createdAt' | 'escalated'>;
export type NewStep = Pick<AppealStep, 'action' | 'fromStatus' | 'toStatus' | 'actor' | 'actorRole' | 'happenedOn' | 'note'>;

/** A new appeal with its first step. */
export async function addAppeal(em: EntityManager, fields: NewAppeal, step: NewStep): Promise<Appeal> {
  const appeal = em.create(Appeal, fields);
  em.create(AppealStep, { ...step, appealId: appeal.id });
  await em.flush();
  return appeal;
}

/** A step taken on an appeal, stored with the appeal's changes (and whatever else the unit of work holds). */
export async function addStep(em: EntityManager, appeal: Appeal, step: NewStep): Promise<void> {
  em.create(AppealStep, { ...step, appealId: appeal.id });
  await em.flush();
}

/** Stores the changes made to managed appeals. */
export function saveAppeals(em: EntityManager): Promise<void> {
  return em.flush();
}

// Reads behind the per-request loaders: plain instances, the caller's scope applied.

export function appealsByIds(em: EntityManager, ids: string[]): Promise<Appeal[]> {
  return findRows(em, Appeal, { id: ids });
}

/** The appeals of the given persons, institutions or score records that the caller may see, oldest first. */
export async function visibleAppealsBy(
  em: EntityManager,
  caller: Caller,
  key: 'personCode' | 'institutionCode' | 'scoreRecordId',
  values: string[],
): Promise<Appeal[]> {
  const appeals = await findRows(em, Appeal, { [key]: values }, { filedOn: 'asc', createdAt: 'asc' });
  return appeals.filter((appeal) => appealVisible(caller, appeal));
}

/** Through the entity manager: findRows reads scalar columns only, and a step's appeal is a relation. */
export function stepsByAppeals(em: EntityManager, appealIds: string[]): Promise<AppealStep[]> {
  return em.find(AppealStep, { appealId: { $in: appealIds } }, { orderBy: { recordedAt: 'asc' } });
}

export interface AppealQueueFilter {
  statuses: readonly AppealStatus[];
  regionPrefix: string;
  dueBefore?: IsoDate | null;
  subject?: AppealSubject | null;
}

// Optional filters are null parameters, so the queue is one statement, planned once per connection.
const QUEUE_WHERE = `status = any($1::text[]) and region_code like $2 || '%'
  and ($3::date is null or decide_by <= $3::date) and ($4::text is null or subject = $4::text)`;
const queueValues = (filter: AppealQueueFilter) => [filter.statuses, filter.regionPrefix, filter.dueBefore ?? null, filter.subject ?? null];

/**
 * The work queue: by decision deadline, then id; `limit` appeals after the cursor's (deadline,
 * id), or (`backward`) before it in reverse order, from the last when there is no cursor.
 */
export async function appealQueue(
  em: EntityManager,
  filter: AppealQueueFilter,
  limit: number,
  after?: { decideBy: IsoDate; id: string },
  backward = false,
): Promise<Appeal[]> {
  const rows = await queryRows(em, {
    name: backward ? 'appeals_queue_back' : 'appeals_queue',
    text: `select * from appeals.appeal where ${QUEUE_WHERE}
             and ($5::date is null or (decide_by, id) ${backward ? '<' : '>'} ($5::date, $6::uuid))
           order by decide_by ${backward ? 'desc' : 'asc'}, id ${backward ? 'desc' : 'asc'} limit $7`,
    values: [...queueValues(filter), after?.decideBy ?? null, after?.id ?? null, limit],
  });
  return toEntities(em, Appeal, rows);
}

export async function countAppealQueue(em: EntityManager, filter: AppealQueueFilter): Promise<number> {
  const [{ count }] = await queryRows<{ count: number }>(em, {
    name: 'appeals_queue_count',
    text: `select count(*)::int as count from appeals.appeal where ${QUEUE_WHERE}`,
    values: queueValues(filter),
  });
  return count;
}
