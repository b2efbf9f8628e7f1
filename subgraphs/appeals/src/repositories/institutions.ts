import type { EntityManager } from '@pq/data';
import { InstitutionView } from '../entities/institution-view';

/** Appeals' read model of agreements' institutions: all of its SQL. */

export function findInstitution(em: EntityManager, code: string): Promise<InstitutionView | null> {
  return em.findOne(InstitutionView, { code });
}

export async function keepInstitution(em: EntityManager, institution: Pick<InstitutionView, 'code' | 'regionCode' | 'kind'>): Promise<void> {
  await em.upsert(InstitutionView, { code: institution.code, regionCode: institution.regionCode, kind: institution.kind });
}
