import type { EventHandlers } from '@pq/events';
import type { AppealsReads } from '../consumed';
import { recordInstitution } from '../../commands/keep-read-models';

export const onInstitutionUpserted: NonNullable<EventHandlers<AppealsReads>['InstitutionUpserted']> = (payload, { em }) => recordInstitution(em, payload);
