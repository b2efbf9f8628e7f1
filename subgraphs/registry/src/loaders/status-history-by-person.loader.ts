import { listLoader } from '@pq/batching';
import { EntityManager } from '@pq/data';
import { statusHistoryOfPersons } from '../repositories/status-history';

/** A person's status history, oldest first. */
export function statusHistoryByPersonLoader(em: EntityManager) {
  return listLoader(
    (codes: string[]) => statusHistoryOfPersons(em, codes),
    (interval) => interval.personCode,
  );
}
