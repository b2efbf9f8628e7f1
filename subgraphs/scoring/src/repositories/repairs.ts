import type { RequiredEntityData } from '@mikro-orm/core';
import { EntityManager, findRows } from '@pq/data';
import { RepairStatus } from '../domain/repair';
import { RepairApplication } from '../entities/repair-application';

/** Repair applications (S12). */

export function findRepairsOfPersons(em: EntityManager, personCodes: string[]): Promise<RepairApplication[]> {
  return findRows(em, RepairApplication, { personCode: personCodes }, { appliedOn: 'asc', createdAt: 'asc' });
}

export async function hasOpenRepair(em: EntityManager, personCode: string): Promise<boolean> {
  return (await em.count(RepairApplication, { personCode, status: { $in: [RepairStatus.APPLIED, RepairStatus.INSTITUTION_AGREED] } })) > 0;
}

/** One application to change; `fresh` reads it again (after the person was locked). */
export function findRepair(em: EntityManager, id: string, fresh = false): Promise<RepairApplication | null> {
  return em.findOne(RepairApplication, { id }, { refresh: fresh });
}

/** An application a command just wrote: known, or the data is broken. */
export function repairOf(em: EntityManager, id: string): Promise<RepairApplication> {
  return em.findOneOrFail(RepairApplication, { id });
}

export function addRepair(em: EntityManager, application: RequiredEntityData<RepairApplication>): RepairApplication {
  return em.create(RepairApplication, application);
}
