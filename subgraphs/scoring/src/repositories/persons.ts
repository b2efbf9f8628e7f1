import { EntityManager, findRows, queryRows } from '@pq/data';
import type { ScoringReads } from '../events/consumed';
import { PersonView } from '../entities/person-view';

/** Persons registered somewhere and their registrations per institution, as registry's events tell them. */

/**
 * A registration: the person becomes known (their institutions and regions joined), and their time at
 * the institution runs from the first of their registrations there; an unknown first day (null:
 * events from before it was sent) counts as always.
 */
export async function recordRegistration(em: EntityManager, person: ScoringReads['PersonRegistered']): Promise<void> {
  await queryRows(em, {
    name: 'scoring_record_registration',
    text: `with person as (
             insert into scoring.person_view (code, name, institution_codes, region_codes, category) values ($1, $2, array[$3]::text[], array[$4]::text[], $7)
             on conflict (code) do update set name = excluded.name, category = excluded.category,
               institution_codes = (select array_agg(distinct c) from unnest(person_view.institution_codes || excluded.institution_codes) c),
               region_codes = (select array_agg(distinct c) from unnest(person_view.region_codes || excluded.region_codes) c))
           insert into scoring.registration_view (institution_code, person_code, registration_id, registered_on) values ($3, $1, $5, $6::date)
           on conflict (institution_code, person_code) do update set registration_id = excluded.registration_id, cancelled_on = null,
             registered_on = case when registration_view.registered_on is null or excluded.registered_on is null then null
                                  else least(registration_view.registered_on, excluded.registered_on) end`,
    values: [person.personCode, person.name, person.institutionCode, person.regionCode, person.registrationId, person.registeredOn ?? null, person.category],
  });
}

/**
 * Only the latest registration there ends the person's time at the institution: cancelling an
 * older one (a terminated registration, the person since registered again) changes nothing.
 */
export async function recordCancellation(em: EntityManager, cancelled: ScoringReads['RegistrationCancelled']): Promise<void> {
  await queryRows(em, {
    text: `update scoring.registration_view set cancelled_on = $1
            where institution_code = $2 and person_code = $3 and (registration_id = $4 or registration_id is null)`,
    values: [cancelled.cancelledOn, cancelled.institutionCode, cancelled.personCode, cancelled.registrationId],
  });
}

export function findPersons(em: EntityManager, codes: string[]): Promise<PersonView[]> {
  return findRows(em, PersonView, { code: codes });
}

export function findPerson(em: EntityManager, code: string): Promise<PersonView | null> {
  return em.findOne(PersonView, { code });
}
