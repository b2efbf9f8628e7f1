import type { RequiredEntityData } from '@mikro-orm/core';
import { EntityManager, findRows, queryRows } from '@pq/data';
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

/** The records of one decision document already stored for any of these persons. */
export function findRecordsOfDecision(em: EntityManager, documentNumber: string, personCodes: string[]): Promise<ScoreRecord[]> {
  return findRows(em, ScoreRecord, { documentNumber, personCode: personCodes });
}

/** A year's records to derive it again: managed, their year's total is written back. */
export function recordsToDerive(em: EntityManager, personCodes: string[], year: number): Promise<ScoreRecord[]> {
  return em.find(ScoreRecord, { personCode: personCodes, year }, { orderBy: { decidedOn: 'asc', createdAt: 'asc' } });
}

/** The latest year any of the persons was scored in. */
export async function lastScoredYear(em: EntityManager, personCodes: string[]): Promise<number | null> {
  const [{ last }] = await queryRows<{ last: number | null }>(em, {
    text: `select max(year)::int as last from scoring.score_record where person_code = any($1)`,
    values: [personCodes],
  });
  return last;
}

/** One record to change; `fresh` reads it again (after the person was locked). */
export function findScoreRecord(em: EntityManager, id: string, fresh = false): Promise<ScoreRecord | null> {
  return em.findOne(ScoreRecord, { id }, { refresh: fresh });
}

export function addScoreRecord(em: EntityManager, record: RequiredEntityData<ScoreRecord>): ScoreRecord {
  return em.create(ScoreRecord, record);
}
