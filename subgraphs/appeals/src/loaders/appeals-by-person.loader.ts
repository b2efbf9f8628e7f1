import { listLoader } from '@pq/batching';
import { Caller } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { visibleAppealsBy } from '../repositories/appeals';

/** A person's appeals the caller may see, oldest first. */
export function appealsByPersonLoader(em: EntityManager, caller: Caller) {
  return listLoader(
    (codes: string[]) => visibleAppealsBy(em, caller, 'personCode', codes),
    (appeal) => appeal.personCode!,
  );
}
