import { Caller, EntityManager, listLoader } from '@pq/kit';
import { visibleAppealsBy } from '../repositories/appeals';

/** A person's appeals the caller may see, oldest first. */
export function appealsByPersonLoader(em: EntityManager, caller: Caller) {
  return listLoader((codes: string[]) => visibleAppealsBy(em, caller, 'personCode', codes), (appeal) => appeal.personCode!);
}
