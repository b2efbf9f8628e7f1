import type { EventHandlers } from '@pq/kit';
import { recordInstitution } from '../../commands/keep-read-models';

export const onInstitutionUpserted: NonNullable<EventHandlers['InstitutionUpserted']> = (payload, { em }) => recordInstitution(em, payload);
