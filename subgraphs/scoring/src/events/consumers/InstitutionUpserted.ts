import type { EventHandlers } from '@pq/events';
import type { ScoringReads } from '../consumed';
import { institutionUpserted } from '../../commands/read-models';

export const InstitutionUpserted: EventHandlers<ScoringReads>['InstitutionUpserted'] = (payload, { em }) => institutionUpserted(em, payload);
