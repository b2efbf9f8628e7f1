import DataLoader from 'dataloader';
import type { EntityManager } from '@pq/data';
import type { Person } from '../entities/person';
import { personnelPageKey, PersonnelPageKey, personnelPages } from '../repositories/registrations';

/** Pages of `Institution.personnel`: a list of institutions asks for many at once. */
export function personnelPagesLoader(em: EntityManager): DataLoader<PersonnelPageKey, Person[], string> {
  return new DataLoader((keys) => personnelPages(em, keys), { cacheKeyFn: personnelPageKey });
}
