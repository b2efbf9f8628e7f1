import { EntityManager, entityLoader, findRows } from '@pq/kit';
import { Notice } from '../entities/notice';

export const noticeLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findRows(em, Notice, { id: ids }),
    (notice) => notice.id,
  );
