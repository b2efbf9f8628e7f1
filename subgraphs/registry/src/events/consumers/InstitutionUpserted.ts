import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { applyInstitution } from '../../commands/apply-institution';

export const InstitutionUpserted: EventHandlers<RegistryReads>['InstitutionUpserted'] = (institution, { em }) => applyInstitution(em, institution);
