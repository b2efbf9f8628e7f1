import { EntityManager, entityLoader, listLoader } from '@pq/kit';
import { Appeal } from '../entities/appeal';
import { AppealStep } from '../entities/appeal-step';

export function createLoaders(em: EntityManager) {
  return {
    appeal: entityLoader(
      (ids: string[]) => em.find(Appeal, { id: { $in: ids } }),
      (appeal) => appeal.id,
    ),
    appealsByPerson: listLoader(
      (codes: string[]) => em.find(Appeal, { personCode: { $in: codes } }, { orderBy: { filedOn: 'asc', createdAt: 'asc' } }),
      (appeal) => appeal.personCode!,
    ),
    appealsByInstitution: listLoader(
      (codes: string[]) => em.find(Appeal, { institutionCode: { $in: codes } }, { orderBy: { filedOn: 'asc', createdAt: 'asc' } }),
      (appeal) => appeal.institutionCode,
    ),
    stepsByAppeal: listLoader(
      (ids: string[]) => em.find(AppealStep, { appealId: { $in: ids } }, { orderBy: { recordedAt: 'asc' } }),
      (step) => step.appealId,
    ),
    appealsByScoreRecord: listLoader(
      (ids: string[]) => em.find(Appeal, { scoreRecordId: { $in: ids } }, { orderBy: { filedOn: 'asc', createdAt: 'asc' } }),
      (appeal) => appeal.scoreRecordId!,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
