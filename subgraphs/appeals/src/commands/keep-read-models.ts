import type { EntityManager, EventPayloads } from '@pq/kit';
import { keepInstitution } from '../repositories/institutions';
import { keepScoreRecord, setAppealBy } from '../repositories/score-records';

/** Scoring recorded a score: appeals can be filed against it. */
export function recordScoreRecord(em: EntityManager, record: EventPayloads['ScoreRecorded']): Promise<void> {
  return keepScoreRecord(em, record);
}

/** A1: the notice was delivered; appeals against its records are due by `appealBy`. */
export function recordNoticeDelivered(em: EntityManager, notice: EventPayloads['NoticeDelivered']): Promise<void> {
  return setAppealBy(em, notice.scoreRecordIds, notice.appealBy);
}

/** An institution's region: agreement disputes are scoped by it. */
export function recordInstitution(em: EntityManager, institution: EventPayloads['InstitutionUpserted']): Promise<void> {
  return keepInstitution(em, institution);
}
