import { Caller, EntityManager, listLoader } from '@pq/kit';
import { visibleAppealsBy } from '../repositories/appeals';

/** The appeals against a score record the caller may see, oldest first. */
export function appealsByScoreRecordLoader(em: EntityManager, caller: Caller) {
  return listLoader((ids: string[]) => visibleAppealsBy(em, caller, 'scoreRecordId', ids), (appeal) => appeal.scoreRecordId!);
}
