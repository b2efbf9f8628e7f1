import { EntityManager, listLoader } from '@pq/kit';
import { stepsByApplication } from '../repositories/designations';

/** Every step of a designation application, oldest first. */
export const designationStepsLoader = (em: EntityManager) => listLoader((ids: string[]) => stepsByApplication(em, ids), (step) => step.applicationId);
