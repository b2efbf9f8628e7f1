import type { EntityManager } from '@pq/data';
import type { AppealsReads } from '../events/consumed';
import { keepInstitution } from '../repositories/institutions';
import { keepScoreRecord, setAppealBy } from '../repositories/score-records';

/** Scoring recorded a score: appeals can be filed against it. */
export function recordScoreRecord(em: EntityManager, record: AppealsReads['ScoreRecorded']): Promise<void> {
  return keepScoreRecord(em, record);
}

/** A1: the notice was delivered; appeals against its records are due by `appealBy`. */
export function recordNoticeDelivered(em: EntityManager, notice: AppealsReads['NoticeDelivered']): Promise<void> {
  return setAppealBy(em, notice.scoreRecordIds, notice.appealBy);
}

/** An institution's region: agreement disputes are scoped by it. */
export function recordInstitution(em: EntityManager, institution: AppealsReads['InstitutionUpserted']): Promise<void> {
  return keepInstitution(em, institution);
}
