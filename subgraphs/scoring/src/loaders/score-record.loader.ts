import { scopedEntityLoader } from '@pq/batching';
import { Caller, canSee } from '@pq/caller';
import { EntityManager, findRows } from '@pq/data';
import { InstitutionView } from '../entities/institution-view';
import { ScoreRecord } from '../entities/score-record';

/** Score records, scoped by where the behaviour happened and whom it concerns. */
export const scoreRecordLoader = (em: EntityManager, caller: Caller) =>
  scopedEntityLoader(caller, {
    what: 'score record',
    fetch: (ids: string[]) => findRows(em, ScoreRecord, { id: ids }),
    keyOf: (record) => record.id,
    reach: async (records) => new Map((await findRows(em, InstitutionView, { code: [...new Set(records.map((r) => r.institutionCode))] })).map((i) => [i.code, i.regionCode])),
    visible: (record, regions) =>
      canSee(caller, { regionCodes: [regions.get(record.institutionCode) ?? record.institutionCode.slice(1, 7)], institutionCodes: [record.institutionCode], personCodes: [record.personCode] }),
  });
