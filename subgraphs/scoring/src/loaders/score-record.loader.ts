import { EntityManager } from '@pq/data';
import { scopedEntityLoader } from '@pq/batching';
import { Caller } from '@pq/caller';
import { findInstitutions } from '../repositories/institutions';
import { findScoreRecords } from '../repositories/score-records';
import { maySeeScoreRecord } from '../repositories/scope';

export const scoreRecordLoader = (em: EntityManager, caller: Caller) =>
  scopedEntityLoader(caller, {
    what: 'score record',
    fetch: (ids: string[]) => findScoreRecords(em, ids),
    keyOf: (record) => record.id,
    reach: async (records) => new Map((await findInstitutions(em, [...new Set(records.map((r) => r.institutionCode))])).map((i) => [i.code, i.regionCode])),
    visible: (record, regions) => maySeeScoreRecord(caller, record, regions.get(record.institutionCode)),
  });
