import DataLoader from 'dataloader';
import { AuditScope, EntityManager } from '@pq/data';
import { personAuditScopes } from '../repositories/audit-scope';

/** Where audit entries of reads about a person belong (their full ID number, their phone). */
export function auditScopeLoader(em: EntityManager) {
  return new DataLoader<string, AuditScope>(async (codes) => {
    const scopes = await personAuditScopes(em, [...codes]);
    return codes.map((code) => scopes.get(code) ?? { regionCodes: [], institutionCodes: [] });
  });
}
