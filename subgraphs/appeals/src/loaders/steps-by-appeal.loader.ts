import { EntityManager, listLoader } from '@pq/kit';
import { stepsByAppeals } from '../repositories/appeals';

/** An appeal's steps, oldest first (the appeal itself was loaded in the caller's scope). */
export function stepsByAppealLoader(em: EntityManager) {
  return listLoader((ids: string[]) => stepsByAppeals(em, ids), (step) => step.appealId);
}
