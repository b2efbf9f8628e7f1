import { EntityManager, findRows, listLoader } from '@pq/kit';
import { Sanction } from '../entities/sanction';

export const sanctionsByPersonLoader = (em: EntityManager) =>
  listLoader(
    (codes: string[]) => findRows(em, Sanction, { personCode: codes }, { from: 'asc', recordedAt: 'asc' }),
    (sanction) => sanction.personCode,
  );
