import { EntityManager, findRows } from '@pq/data';
import { PolicyRuleSet } from '../entities/rule-set';
import { ViolationItem } from '../entities/violation-item';

/** Rule sets and their violation catalogues: read only, installed by migrations. */

export function findRuleSets(em: EntityManager, ids?: string[]): Promise<PolicyRuleSet[]> {
  return findRows(em, PolicyRuleSet, ids ? { id: ids } : {});
}

/** The named items of the named rule sets' catalogues (a small superset of any exact pairs). */
export function findViolationItems(em: EntityManager, ruleSetIds: string[], codes: string[]): Promise<ViolationItem[]> {
  return findRows(em, ViolationItem, { ruleSetId: ruleSetIds, code: codes });
}

/** A rule set's whole catalogue, by tier. */
export function findCatalogue(em: EntityManager, ruleSetId: string): Promise<ViolationItem[]> {
  return findRows(em, ViolationItem, { ruleSetId }, { tier: 'asc', code: 'asc' });
}
