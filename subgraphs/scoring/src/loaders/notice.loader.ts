import { entityLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { Notice } from '../entities/notice';

export const noticeLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findRows(em, Notice, { id: ids }),
    (notice) => notice.id,
  );
