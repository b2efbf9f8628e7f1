import { EventHandlers, Outbox } from '@pq/kit';
import { applyAppealDecision } from '../commands/appeal-decision';
import { KnownInstitution } from '../entities/read-models';

export const outbox = new Outbox('scoring');

export const eventHandlers: EventHandlers = {
  PersonRegistered: async (person, { em }) => {
    await em.execute(
      `with person as (
         insert into scoring.known_person (code, name, institution_codes, region_codes) values (?, ?, array[?]::text[], array[?]::text[])
         on conflict (code) do update set name = excluded.name,
           institution_codes = (select array_agg(distinct c) from unnest(known_person.institution_codes || excluded.institution_codes) c),
           region_codes = (select array_agg(distinct c) from unnest(known_person.region_codes || excluded.region_codes) c))
       insert into scoring.known_registration (institution_code, person_code) values (?, ?) on conflict do nothing`,
      [person.personCode, person.name, person.institutionCode, person.regionCode, person.institutionCode, person.personCode],
    );
  },
  InstitutionUpserted: async (institution, { em }) => {
    await em.upsert(KnownInstitution, { code: institution.code, regionCode: institution.regionCode });
  },
  AppealDecided: (decision, { em }) => applyAppealDecision(em, decision),
};
