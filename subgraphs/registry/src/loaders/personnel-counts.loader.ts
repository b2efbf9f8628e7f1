import DataLoader from 'dataloader';
import type { EntityManager } from '@pq/data';
import { personnelCountKey, PersonnelCountKey, personnelCounts } from '../repositories/registrations';

/** `totalCount` of `Institution.personnel` for every institution of a request. */
export function personnelCountsLoader(em: EntityManager): DataLoader<PersonnelCountKey, number, string> {
  return new DataLoader((keys) => personnelCounts(em, keys), { cacheKeyFn: personnelCountKey });
}
