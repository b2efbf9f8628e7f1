import DataLoader from 'dataloader';
import { EntityManager, findRows } from '@pq/data';
import { PolicyRuleSet } from '../entities/rule-set';

/** The rule sets, read once per request however many institutions or decisions need them. */
export const ruleSetsLoader = (em: EntityManager) =>
  new DataLoader<'all', PolicyRuleSet[]>(async (keys) => {
    const all = await findRows(em, PolicyRuleSet, {});
    return keys.map(() => all);
  });
