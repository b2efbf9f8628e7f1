import { EntityManager, entityLoader, listLoader } from '@pq/kit';
import { Appeal } from '../entities/appeal';

export function createLoaders(em: EntityManager) {
  return {
    appeal: entityLoader(
      (ids: string[]) => em.find(Appeal, { id: { $in: ids } }),
      (appeal) => appeal.id,
    ),
    appealsByPerson: listLoader(
      (codes: string[]) => em.find(Appeal, { personCode: { $in: codes } }, { orderBy: { filedOn: 'asc', createdAt: 'asc' } }),
      (appeal) => appeal.personCode,
    ),
    appealsByScoreRecord: listLoader(
      (ids: string[]) => em.find(Appeal, { scoreRecordId: { $in: ids } }, { orderBy: { filedOn: 'asc', createdAt: 'asc' } }),
      (appeal) => appeal.scoreRecordId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
