import type { RequiredEntityData } from '@mikro-orm/core';
import { EntityManager, findRows } from '@pq/data';
import { ScoreRecord } from '../entities/score-record';

/** Score records: one person's points for one violation in one decision (S1–S6). */

export function findScoreRecords(em: EntityManager, ids: string[]): Promise<ScoreRecord[]> {
  return findRows(em, ScoreRecord, { id: ids });
}

/** The records of notices, in the order they were recorded. */
export function findRecordsOfNotices(em: EntityManager, noticeIds: string[]): Promise<ScoreRecord[]> {
  return findRows(em, ScoreRecord, { noticeId: noticeIds }, { createdAt: 'asc' });
}

/** The records of persons in years, in decision order. */
export function findRecordsOfPersonYears(em: EntityManager, personCodes: string[], years: number[]): Promise<ScoreRecord[]> {
  return findRows(em, ScoreRecord, { personCode: personCodes, year: years }, { decidedOn: 'asc', createdAt: 'asc' });
}

/** One record to change; `fresh` reads it again (after the person was locked). */
export function findScoreRecord(em: EntityManager, id: string, fresh = false): Promise<ScoreRecord | null> {
  return em.findOne(ScoreRecord, { id }, { refresh: fresh });
}

/** A record not yet stored: the year's derivation gives it its year's total before it is written. */
export function newScoreRecord(record: RequiredEntityData<ScoreRecord>): ScoreRecord {
  return Object.assign(new ScoreRecord(), record);
}

/** Stores new records (at the next flush). */
export function addScoreRecords(em: EntityManager, records: ScoreRecord[]): void {
  em.persist(records);
}
