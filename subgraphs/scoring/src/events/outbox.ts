import { EventHandlers, Outbox } from '@pq/kit';
import { applyAppealDecision } from '../commands/appeal-decision';
import { InstitutionView } from '../entities/institution-view';

export const outbox = new Outbox('scoring');

export const eventHandlers: EventHandlers = {
  PersonRegistered: async (person, { em }) => {
    // The person's time at the institution runs from the first of their registrations there; an
    // unknown first day (null: events from before it was sent) counts as always.
    await em.execute(
      `with person as (
         insert into scoring.person_view (code, name, institution_codes, region_codes) values (?, ?, array[?]::text[], array[?]::text[])
         on conflict (code) do update set name = excluded.name,
           institution_codes = (select array_agg(distinct c) from unnest(person_view.institution_codes || excluded.institution_codes) c),
           region_codes = (select array_agg(distinct c) from unnest(person_view.region_codes || excluded.region_codes) c))
       insert into scoring.registration_view (institution_code, person_code, registration_id, registered_on) values (?, ?, ?, ?::date)
       on conflict (institution_code, person_code) do update set registration_id = excluded.registration_id, cancelled_on = null,
         registered_on = case when registration_view.registered_on is null or excluded.registered_on is null then null
                              else least(registration_view.registered_on, excluded.registered_on) end`,
      [person.personCode, person.name, person.institutionCode, person.regionCode, person.institutionCode, person.personCode, person.registrationId, person.registeredOn ?? null],
    );
  },
  RegistrationCancelled: async (cancelled, { em }) => {
    // Only the latest registration there ends the person's time at the institution: cancelling an
    // older one (a terminated registration, the person since registered again) changes nothing.
    await em.execute(
      `update scoring.registration_view set cancelled_on = ?
        where institution_code = ? and person_code = ? and (registration_id = ? or registration_id is null)`,
      [cancelled.cancelledOn, cancelled.institutionCode, cancelled.personCode, cancelled.registrationId],
    );
  },
  InstitutionUpserted: async (institution, { em }) => {
    await em.upsert(InstitutionView, { code: institution.code, regionCode: institution.regionCode });
  },
  AppealDecided: (decision, { em }) => applyAppealDecision(em, decision),
};
