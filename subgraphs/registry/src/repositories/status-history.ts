import { EntityManager, findRows, queryRows, toEntities } from '@pq/data';
import { IsoDate } from '@pq/time';
import type { StatusStretch } from '../domain/status';
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

/**
 * Replaces the persons' histories with the stretches derived (commands/derive-status.ts is their
 * only writer), and marks the registrations whose history came out different as updated: a
 * derivation that changes nothing leaves their `updatedAt` alone.
 */
export async function replaceStatusHistories(
  em: EntityManager,
  personCodes: string[],
  stretches: { registrationId: string; personCode: string; stretch: StatusStretch }[],
): Promise<void> {
  const column = <T>(pick: (row: (typeof stretches)[number]) => T) => stretches.map(pick);
  const compared = 'registration_id, status, status_after_review, annulled, valid_from, valid_to, cause, basis_document';
  await queryRows(em, {
    text: `with old as (delete from registry.status_interval where person_code = any($1::text[]) returning ${compared}),
                new as (
                  insert into registry.status_interval (id, registration_id, person_code, institution_code, status, status_after_review, annulled, valid_from, valid_to, cause, basis_document)
                  select gen_random_uuid(), d.registration_id, d.person_code, r.institution_code, d.status, d.after_review, d.annulled, d.valid_from, d.valid_to, d.cause, d.basis_document
                    from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::date[], $8::date[], $9::text[], $10::text[])
                         as d(registration_id, person_code, status, after_review, annulled, valid_from, valid_to, cause, basis_document)
                    join registry.registration r on r.id = d.registration_id
                  returning ${compared}),
                changed as ((select * from old except select * from new) union (select * from new except select * from old))
           update registry.registration r set updated_at = now() where r.id in (select registration_id from changed)`,
    values: [
      personCodes,
      column((r) => r.registrationId),
      column((r) => r.personCode),
      column((r) => r.stretch.status),
      column((r) => r.stretch.statusAfterReview),
      column((r) => r.stretch.annulled),
      column((r) => r.stretch.from),
      column((r) => r.stretch.to),
      column((r) => r.stretch.cause),
      column((r) => r.stretch.basisDocument),
    ],
  });
}

/**
 * Persons whose stored status no longer matches their derived history on `today`: a cause that
 * took effect after the last derivation (a measure dated ahead, such as a termination asked for
 * three months before).
 */
export async function personsDueForDerivation(em: EntityManager, today: IsoDate): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(em, {
    text: `select distinct r.person_code as code from registry.registration r
             join registry.status_interval si on si.registration_id = r.id and si.valid_from <= $1 and (si.valid_to is null or si.valid_to > $1)
            where si.status <> r.status`,
    values: [today],
  });
  return rows.map((r) => r.code);
}
