import { EventHandlers, Outbox } from '@pq/kit';
import { ScoreRecordView } from '../entities/score-record-view';

export const outbox = new Outbox('appeals');

export const eventHandlers: EventHandlers = {
  ScoreRecorded: async (record, { em }) => {
    await em.upsert(ScoreRecordView, {
      id: record.scoreRecordId,
      personCode: record.personCode,
      institutionCode: record.institutionCode,
      points: record.points,
      decidedOn: record.decidedOn,
      documentNumber: record.documentNumber,
    });
  },
};
