import { EntityManager } from '@pq/data';
import { entityLoader } from '@pq/batching';
import { findViolationItems } from '../repositories/rule-sets';

/** A violation item's loader key. */
export const violationItemKey = (ruleSetId: string, code: string) => `${ruleSetId}|${code}`;

/** Keys are `ruleSetId|code`: the statement reads every named code of every named rule set, a small superset the keys pick from. */
export const violationItemLoader = (em: EntityManager) =>
  entityLoader(
    (keys: string[]) => {
      const pairs = keys.map((k) => k.split('|'));
      return findViolationItems(em, [...new Set(pairs.map(([ruleSetId]) => ruleSetId))], [...new Set(pairs.map(([, code]) => code))]);
    },
    (item) => violationItemKey(item.ruleSetId, item.code),
  );
