import { entityLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { ViolationItem } from '../entities/violation-item';

/** Keys are `ruleSetId|code`: the statement reads every named code of every named rule set, a small superset the keys pick from. */
export const violationItemLoader = (em: EntityManager) =>
  entityLoader(
    (keys: string[]) => {
      const pairs = keys.map((k) => k.split('|'));
      return findRows(em, ViolationItem, { ruleSetId: [...new Set(pairs.map(([ruleSetId]) => ruleSetId))], code: [...new Set(pairs.map(([, code]) => code))] });
    },
    (item) => `${item.ruleSetId}|${item.code}`,
  );
