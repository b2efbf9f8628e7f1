import DataLoader from 'dataloader';
import { coalescedKeys, EntityManager } from '@pq/data';
import { personnelCountKey, PersonnelCountKey, personnelCounts } from '../repositories/registrations';

/** `totalCount` of `Institution.personnel` for every institution of a request, read with other requests' counts of the same turn. */
export function personnelCountsLoader(em: EntityManager): DataLoader<PersonnelCountKey, number, string> {
  return new DataLoader((keys) => coalescedKeys(em, 'pq_personnel_counts', keys, personnelCountKey, personnelCounts), { cacheKeyFn: personnelCountKey });
}
