import { scopedEntityLoader } from '@pq/batching';
import { Caller } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { appealsByIds, appealVisible } from '../repositories/appeals';

/** An appeal by id; one outside the caller's scope is FORBIDDEN for its key. */
export function appealLoader(em: EntityManager, caller: Caller) {
  return scopedEntityLoader(caller, {
    what: 'appeal',
    fetch: (ids: string[]) => appealsByIds(em, ids),
    keyOf: (appeal) => appeal.id,
    visible: (appeal) => appealVisible(caller, appeal),
  });
}
