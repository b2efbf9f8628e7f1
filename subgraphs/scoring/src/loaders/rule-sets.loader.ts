import DataLoader from 'dataloader';
import type { EntityManager } from '@pq/data';
import type { PolicyRuleSet } from '../entities/rule-set';
import { findRuleSets } from '../repositories/rule-sets';

/** The rule sets, read once per request however many institutions or decisions need them. */
export const ruleSetsLoader = (em: EntityManager) =>
  new DataLoader<'all', PolicyRuleSet[]>(async (keys) => {
    const all = await findRuleSets(em);
    return keys.map(() => all);
  });
