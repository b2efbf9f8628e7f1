import { EntityManager, queryRows } from '@pq/data';
import { IsoDate } from '@pq/time';
import type { AppealsReads } from '../events/consumed';
import { ScoreRecordView } from '../entities/score-record-view';

/** Appeals' read model of scoring's score records: all of its SQL. */

export function findScoreRecord(em: EntityManager, id: string): Promise<ScoreRecordView | null> {
  return em.findOne(ScoreRecordView, { id });
}

/**
 * A score record as scoring recorded it; a redelivery or a later version replaces it (its
 * `appeal_by` stays). One written statement: MikroORM's upsert built it through knex on every
 * event, a third of appeals' CPU per decision.
 */
export async function keepScoreRecord(em: EntityManager, record: AppealsReads['ScoreRecorded']): Promise<void> {
  await queryRows(em, {
    name: 'appeals-keep-score-record',
    text: `insert into appeals.score_record_view (id, person_code, institution_code, region_code, points, decided_on, document_number)
           values ($1, $2, $3, $4, $5, $6, $7)
           on conflict (id) do update set person_code = excluded.person_code, institution_code = excluded.institution_code, region_code = excluded.region_code,
             points = excluded.points, decided_on = excluded.decided_on, document_number = excluded.document_number`,
    values: [record.scoreRecordId, record.personCode, record.institutionCode, record.regionCode, record.points, record.decidedOn, record.documentNumber],
  });
}

/** A1: the last day appeals against these records are accepted. */
export async function setAppealBy(em: EntityManager, scoreRecordIds: string[], appealBy: IsoDate): Promise<void> {
  await queryRows(em, { text: `update appeals.score_record_view set appeal_by = $2::date where id = any($1::uuid[])`, values: [scoreRecordIds, appealBy] });
}
