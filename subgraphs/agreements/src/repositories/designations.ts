import { EntityManager, findRows, queryRows, toEntities } from '@pq/data';
import { IsoDate } from '@pq/time';
import { DesignationAction, DesignationStatus, OPEN_DESIGNATION_STATUSES } from '../domain/designation';
import { DesignationApplication } from '../entities/designation-application';
import { DesignationStep } from '../entities/designation-step';

/** Designation applications and their steps; locked through the institution they are for (lockInstitutions). */

export type NewApplication = Omit<DesignationApplication, 'id' | 'createdAt' | 'onSiteEvaluated' | 'falsifiedMaterials' | 'decidedOn'>;

export function createApplication(em: EntityManager, application: NewApplication): DesignationApplication {
  return em.create(DesignationApplication, application);
}

export function findApplication(em: EntityManager, id: string): Promise<DesignationApplication | null> {
  return em.findOne(DesignationApplication, { id });
}

/** The application as committed by the transaction that held the lock before. */
export function reloadApplication(em: EntityManager, application: DesignationApplication): Promise<DesignationApplication | null> {
  return em.refresh(application);
}

export function hasOpenApplication(em: EntityManager, institutionCode: string): Promise<boolean> {
  return em.count(DesignationApplication, { institutionCode, status: { $in: [...OPEN_DESIGNATION_STATUSES] } }).then((count) => count > 0);
}

export function failedApplications(em: EntityManager, institutionCode: string): Promise<DesignationApplication[]> {
  return em.find(DesignationApplication, { institutionCode, status: DesignationStatus.EVALUATION_FAILED });
}

/** Open applications waiting on a deadline. */
export function applicationsWithDeadlines(em: EntityManager): Promise<DesignationApplication[]> {
  return em.find(DesignationApplication, { status: { $in: [...OPEN_DESIGNATION_STATUSES] }, dueBy: { $ne: null } });
}

/** The work queue of a region prefix: open applications by deadline, at most `limit`. */
export function designationQueue(em: EntityManager, regionPrefix: string, dueBefore: IsoDate | null, limit: number): Promise<DesignationApplication[]> {
  return em.find(
    DesignationApplication,
    { status: { $in: [...OPEN_DESIGNATION_STATUSES] }, regionCode: { $like: `${regionPrefix}%` }, ...(dueBefore ? { dueBy: { $lte: dueBefore } } : {}) },
    { orderBy: { dueBy: 'asc', id: 'asc' }, limit },
  );
}

// Open applications of a region prefix, optionally due by a day; those without a deadline come last.
const QUEUE_WHERE = `status = any($1::text[]) and region_code like $2 || '%' and ($3::date is null or due_by <= $3::date)`;

/**
 * The work queue in pages: by deadline (none last), then id; `limit` applications after the
 * cursor's (deadline, id), a null deadline being the cursor of the undated tail.
 */
export async function designationQueuePage(
  em: EntityManager,
  regionPrefix: string,
  dueBefore: IsoDate | null,
  after: { dueBy: IsoDate | null; id: string } | undefined,
  limit: number,
): Promise<DesignationApplication[]> {
  const rows = await queryRows(em, {
    name: 'agreements_designation_queue_page',
    text: `select * from agreements.designation_application
            where ${QUEUE_WHERE}
              and ($5::uuid is null
                   or ($4::date is null and due_by is null and id > $5::uuid)
                   or ($4::date is not null and (due_by > $4::date or (due_by = $4::date and id > $5::uuid) or due_by is null)))
            order by due_by nulls last, id
            limit $6`,
    values: [[...OPEN_DESIGNATION_STATUSES], regionPrefix, dueBefore, after?.dueBy ?? null, after?.id ?? null, limit],
  });
  return toEntities(em, DesignationApplication, rows);
}

export async function countDesignationQueue(em: EntityManager, regionPrefix: string, dueBefore: IsoDate | null): Promise<number> {
  const [{ count }] = await queryRows<{ count: number }>(em, {
    name: 'agreements_designation_queue_count',
    text: `select count(*)::int as count from agreements.designation_application where ${QUEUE_WHERE}`,
    values: [[...OPEN_DESIGNATION_STATUSES], regionPrefix, dueBefore],
  });
  return count;
}

/** A step, recorded as its notice with the status it led to. */
export function recordStep(
  em: EntityManager,
  application: DesignationApplication,
  action: DesignationAction,
  actor: string,
  on: IsoDate,
  note: string | null,
): DesignationStep {
  return em.create(DesignationStep, { applicationId: application.id, action, toStatus: application.status, actor, happenedOn: on, note });
}

export function latestStep(em: EntityManager, applicationId: string): Promise<DesignationStep | null> {
  return em.findOne(DesignationStep, { applicationId }, { orderBy: { happenedOn: 'desc' } });
}

/** Every step of the applications, oldest first. */
export function stepsOf(em: EntityManager, applicationIds: string[]): Promise<DesignationStep[]> {
  return applicationIds.length ? em.find(DesignationStep, { applicationId: { $in: applicationIds } }, { orderBy: { recordedAt: 'asc' } }) : Promise.resolve([]);
}

/** For loaders: each application's steps, oldest first; plain instances, read only. */
export function stepsByApplication(em: EntityManager, applicationIds: string[]): Promise<DesignationStep[]> {
  return findRows(em, DesignationStep, { applicationId: applicationIds }, { recordedAt: 'asc' });
}
