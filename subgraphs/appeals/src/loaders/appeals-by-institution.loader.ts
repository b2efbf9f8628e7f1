import { listLoader } from '@pq/batching';
import { Caller } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { visibleAppealsBy } from '../repositories/appeals';

/** An institution's appeals and agreement disputes the caller may see, oldest first. */
export function appealsByInstitutionLoader(em: EntityManager, caller: Caller) {
  return listLoader(
    (codes: string[]) => visibleAppealsBy(em, caller, 'institutionCode', codes),
    (appeal) => appeal.institutionCode,
  );
}
