import type { RequiredEntityData } from '@mikro-orm/core';
import { EntityManager, findRows } from '@pq/data';
import { RestorationStatus } from '../domain/restoration';
import { RestorationApplication } from '../entities/restoration-application';

/** Restoration applications (S13). */

export function findRestorations(em: EntityManager, ids: string[]): Promise<RestorationApplication[]> {
  return findRows(em, RestorationApplication, { id: ids });
}

export function findRestorationsOfPersons(em: EntityManager, personCodes: string[]): Promise<RestorationApplication[]> {
  return findRows(em, RestorationApplication, { personCode: personCodes }, { appliedOn: 'asc', createdAt: 'asc' });
}

/** The applications waiting for a decision, to change. */
export function restorationsAwaitingDecision(em: EntityManager): Promise<RestorationApplication[]> {
  return em.find(RestorationApplication, { status: RestorationStatus.APPLIED });
}

export async function hasOpenRestoration(em: EntityManager, sanctionId: string): Promise<boolean> {
  return (await em.count(RestorationApplication, { sanctionId, status: RestorationStatus.APPLIED })) > 0;
}

/** One application to change; `fresh` reads it again (after the person was locked). */
export function findRestoration(em: EntityManager, id: string, fresh = false): Promise<RestorationApplication | null> {
  return em.findOne(RestorationApplication, { id }, { refresh: fresh });
}

export function addRestoration(em: EntityManager, application: RequiredEntityData<RestorationApplication>): RestorationApplication {
  return em.create(RestorationApplication, application);
}
