import { listLoader } from '@pq/batching';
import { EntityManager } from '@pq/data';
import { stepsByAppeals } from '../repositories/appeals';

/** An appeal's steps, oldest first (the appeal itself was loaded in the caller's scope). */
export function stepsByAppealLoader(em: EntityManager) {
  return listLoader(
    (ids: string[]) => stepsByAppeals(em, ids),
    (step) => step.appealId,
  );
}
