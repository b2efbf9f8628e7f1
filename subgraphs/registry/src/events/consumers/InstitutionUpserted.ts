import type { EventHandlers } from '@pq/kit';
import { applyInstitution } from '../../commands/apply-institution';

export const InstitutionUpserted: EventHandlers['InstitutionUpserted'] = (institution, { em }) => applyInstitution(em, institution);
