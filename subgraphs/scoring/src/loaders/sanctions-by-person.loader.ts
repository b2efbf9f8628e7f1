import { listLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { Sanction } from '../entities/sanction';

export const sanctionsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findRows(em, Sanction, { personCode: codes }, { from: 'asc', recordedAt: 'asc' }),
    (sanction) => sanction.personCode,
  );
