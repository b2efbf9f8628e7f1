import { listLoader } from '@pq/batching';
import { Caller } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { visibleAppealsBy } from '../repositories/appeals';

/** The appeals against a score record the caller may see, oldest first. */
export function appealsByScoreRecordLoader(em: EntityManager, caller: Caller) {
  return listLoader(
    (ids: string[]) => visibleAppealsBy(em, caller, 'scoreRecordId', ids),
    (appeal) => appeal.scoreRecordId!,
  );
}
