import { EntityManager } from '@pq/data';
import { entityLoader } from '@pq/batching';
import { findNotices } from '../repositories/notices';

export const noticeLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findNotices(em, ids),
    (notice) => notice.id,
  );
