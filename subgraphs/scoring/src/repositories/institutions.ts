import { EntityManager, findRows } from '@pq/data';
import type { ScoringReads } from '../events/consumed';
import { InstitutionView } from '../entities/institution-view';

/** Institutions, their region and kind, as agreements' events tell them. */

export async function recordInstitution(em: EntityManager, institution: ScoringReads['InstitutionUpserted']): Promise<void> {
  await em.upsert(InstitutionView, { code: institution.code, regionCode: institution.regionCode, kind: institution.kind });
}

export function findInstitutions(em: EntityManager, codes: string[]): Promise<InstitutionView[]> {
  return findRows(em, InstitutionView, { code: codes });
}

export function findInstitution(em: EntityManager, code: string): Promise<InstitutionView | null> {
  return em.findOne(InstitutionView, { code });
}

/** An institution scoring's own rows name: known, or the data is broken. */
export function institutionOf(em: EntityManager, code: string): Promise<InstitutionView> {
  return em.findOneOrFail(InstitutionView, { code });
}
