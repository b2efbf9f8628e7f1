import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { applyInstitution } from '../../commands/read-models';

export const InstitutionUpserted: EventHandlers<RegistryReads>['InstitutionUpserted'] = (institution, { em, event }) =>
  applyInstitution(em, institution, event.id);
