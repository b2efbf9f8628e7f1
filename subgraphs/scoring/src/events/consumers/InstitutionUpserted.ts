import type { EventHandlers } from '@pq/kit';
import { institutionUpserted } from '../../commands/read-models';

export const InstitutionUpserted: EventHandlers['InstitutionUpserted'] = (payload, { em }) => institutionUpserted(em, payload);
