import DataLoader from 'dataloader';
import type { EntityManager } from '@pq/data';
import type { StatusInterval } from '../entities/status-interval';
import { RegistrationDay, statusIntervalsOn } from '../repositories/status-history';

/** The stretch of status history covering a registration on a date (E3, 002 art.47–48). */
export function statusOnLoader(em: EntityManager): DataLoader<RegistrationDay, StatusInterval | null, string> {
  return new DataLoader((keys) => statusIntervalsOn(em, keys), { cacheKeyFn: (key) => `${key.registrationId}|${key.on}` });
}
