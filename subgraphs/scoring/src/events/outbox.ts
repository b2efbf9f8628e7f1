import { EventHandlers, Outbox } from '@pq/kit';
import { applyAppealDecision } from '../commands/appeal-decision';
import { KnownInstitution, KnownPerson } from '../entities/read-models';

export const outbox = new Outbox('scoring');

export const eventHandlers: EventHandlers = {
  PersonRegistered: async (person, { em }) => {
    await em.upsert(KnownPerson, { code: person.personCode, name: person.name });
  },
  InstitutionUpserted: async (institution, { em }) => {
    await em.upsert(KnownInstitution, { code: institution.code, regionCode: institution.regionCode });
  },
  AppealDecided: (decision, { em }) => applyAppealDecision(em, decision),
};
