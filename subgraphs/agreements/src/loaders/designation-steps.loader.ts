import { listLoader } from '@pq/batching';
import { EntityManager } from '@pq/data';
import { stepsByApplication } from '../repositories/designations';

/** Every step of a designation application, oldest first. */
export const designationStepsLoader = (em: EntityManager) =>
  listLoader(
    (ids: string[]) => stepsByApplication(em, ids),
    (step) => step.applicationId,
  );
