import { listLoader } from '@pq/batching';
import { EntityManager, findRows } from '@pq/data';
import { ScoreRecord } from '../entities/score-record';

export const scoreRecordsByNoticeLoader = (em: EntityManager) =>
  listLoader(
    (ids: string[]) => findRows(em, ScoreRecord, { noticeId: ids }, { createdAt: 'asc' }),
    (record) => record.noticeId,
  );
