import { EntityManager, queryRows } from '@pq/data';
import { IsoDate } from '@pq/time';
import type { AppealsReads } from '../events/consumed';
import { ScoreRecordView } from '../entities/score-record-view';

/** Appeals' read model of scoring's score records: all of its SQL. */

export function findScoreRecord(em: EntityManager, id: string): Promise<ScoreRecordView | null> {
  return em.findOne(ScoreRecordView, { id });
}

/** A score record as scoring recorded it; a redelivery or a later version replaces it. */
export async function keepScoreRecord(em: EntityManager, record: AppealsReads['ScoreRecorded']): Promise<void> {
  await em.upsert(ScoreRecordView, {
    id: record.scoreRecordId,
    personCode: record.personCode,
    institutionCode: record.institutionCode,
    regionCode: record.regionCode,
    points: record.points,
    decidedOn: record.decidedOn,
    documentNumber: record.documentNumber,
  });
}

/** A1: the last day appeals against these records are accepted. */
export async function setAppealBy(em: EntityManager, scoreRecordIds: string[], appealBy: IsoDate): Promise<void> {
  await queryRows(em, { text: `update appeals.score_record_view set appeal_by = $2::date where id = any($1::uuid[])`, values: [scoreRecordIds, appealBy] });
}
