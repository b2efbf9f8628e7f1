import { EventHandlers, Outbox } from '@pq/kit';
import { InstitutionView, ScoreRecordView } from '../entities/score-record-view';

export const outbox = new Outbox('appeals');

export const eventHandlers: EventHandlers = {
  ScoreRecorded: async (record, { em }) => {
    await em.upsert(ScoreRecordView, {
      id: record.scoreRecordId,
      personCode: record.personCode,
      institutionCode: record.institutionCode,
      regionCode: record.regionCode,
      points: record.points,
      decidedOn: record.decidedOn,
      documentNumber: record.documentNumber,
    });
  },
  NoticeDelivered: async (notice, { em }) => {
    await em.nativeUpdate(ScoreRecordView, { id: { $in: notice.scoreRecordIds } }, { appealBy: notice.appealBy });
  },
  InstitutionUpserted: async (institution, { em }) => {
    await em.upsert(InstitutionView, { code: institution.code, regionCode: institution.regionCode });
  },
};
