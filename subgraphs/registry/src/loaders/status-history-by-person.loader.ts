import { EntityManager, listLoader } from '@pq/kit';
import { statusHistoryOfPersons } from '../repositories/status-history';

/** A person's status history, oldest first. */
export function statusHistoryByPersonLoader(em: EntityManager) {
  return listLoader((codes: string[]) => statusHistoryOfPersons(em, codes), (interval) => interval.personCode);
}
