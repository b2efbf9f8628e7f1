import { EntityManager, findRows, listLoader } from '@pq/kit';
import { ScoreRecord } from '../entities/score-record';

export const scoreRecordsByNoticeLoader = (em: EntityManager) =>
  listLoader(
    (ids: string[]) => findRows(em, ScoreRecord, { noticeId: ids }, { createdAt: 'asc' }),
    (record) => record.noticeId,
  );
