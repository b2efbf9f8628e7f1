import { EntityManager, listLoader } from '@pq/kit';
import { findRecordsOfNotices } from '../repositories/score-records';

export const scoreRecordsByNoticeLoader = (em: EntityManager) =>
  listLoader(
    (ids: string[]) => findRecordsOfNotices(em, ids),
    (record) => record.noticeId,
  );
