import type { EntityManager } from '@pq/data';
import { InformationChange } from '../entities/information-change';

/** Important changes of an institution's information (G10); locked through the institution (lockInstitutions). */

export function createInformationChange(em: EntityManager, change: Omit<InformationChange, 'id' | 'decidedOn'>): InformationChange {
  return em.create(InformationChange, change);
}

export function findInformationChange(em: EntityManager, id: string): Promise<InformationChange | null> {
  return em.findOne(InformationChange, { id });
}

/** Changes awaiting the agency's review. */
export function filedInformationChanges(em: EntityManager): Promise<InformationChange[]> {
  return em.find(InformationChange, { status: 'FILED' });
}
