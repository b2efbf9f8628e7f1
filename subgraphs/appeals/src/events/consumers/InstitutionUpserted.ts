import type { EventHandlers } from '@pq/events';
import type { AppealsReads } from '../consumed';
import { recordInstitution } from '../../commands/read-models';

export const InstitutionUpserted: NonNullable<EventHandlers<AppealsReads>['InstitutionUpserted']> = (payload, { em }) => recordInstitution(em, payload);
