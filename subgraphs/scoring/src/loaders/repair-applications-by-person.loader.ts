import { listLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { RepairApplication } from '../entities/repair-application';

export const repairApplicationsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findRows(em, RepairApplication, { personCode: codes }, { appliedOn: 'asc', createdAt: 'asc' }),
    (application) => application.personCode,
  );
