import { EntityManager, entityLoader } from '@pq/kit';
import { findNotices } from '../repositories/notices';

export const noticeLoader = (em: EntityManager) =>
  entityLoader(
    (ids: string[]) => findNotices(em, ids),
    (notice) => notice.id,
  );
