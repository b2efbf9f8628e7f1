import { EntityManager, findRows } from '@pq/data';
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
