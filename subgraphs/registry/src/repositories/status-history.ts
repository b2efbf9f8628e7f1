import { EntityManager, findRows, queryRows, toEntities } from '@pq/data';
import { IsoDate } from '@pq/time';
import { StatusInterval } from '../entities/status-interval';

/** The status history of these persons, oldest first. */
export function statusHistoryOfPersons(em: EntityManager, personCodes: string[]): Promise<StatusInterval[]> {
  return findRows(em, StatusInterval, { personCode: personCodes }, { validFrom: 'asc', recordedAt: 'asc' });
}

export interface RegistrationDay {
  registrationId: string;
  on: IsoDate;
}

/**
 * The stretch of status history covering each (registration, date), in key order: what was
 * enforced on the day and what stands after review (E3, 002 art.47–48). One statement for all keys.
 */
export async function statusIntervalsOn(em: EntityManager, keys: readonly RegistrationDay[]): Promise<(StatusInterval | null)[]> {
  const rows = await queryRows<Record<string, unknown>>(em, {
    name: 'pq_status_on',
    text: `select si.*, k.n from unnest($1::uuid[], $2::date[]) with ordinality as k(registration_id, day, n)
             join lateral (select * from registry.status_interval si where si.registration_id = k.registration_id
                              and si.valid_from <= k.day and (si.valid_to is null or si.valid_to > k.day)
                            order by si.valid_from desc limit 1) si on true`,
    values: [keys.map((k) => k.registrationId), keys.map((k) => k.on)],
  });
  const intervals = toEntities(em, StatusInterval, rows);
  const byKey: (StatusInterval | null)[] = keys.map(() => null);
  rows.forEach((row, i) => (byKey[Number(row.n) - 1] = intervals[i]));
  return byKey;
}
