import { EntityManager } from '@pq/data';
import { listLoader } from '@pq/batching';
import { findRecordsOfNotices } from '../repositories/score-records';

export const scoreRecordsByNoticeLoader = (em: EntityManager) =>
  listLoader(
    (ids: string[]) => findRecordsOfNotices(em, ids),
    (record) => record.noticeId,
  );
