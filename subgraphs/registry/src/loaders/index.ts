import DataLoader from 'dataloader';
import { Caller, findRows, canSee, EntityManager, IsoDate, listLoader, queryRows, scopedEntityLoader, toEntities } from '@pq/kit';
import { Person } from '../entities/person';
import { Registration } from '../entities/registration';
import { StatusInterval } from '../entities/status-interval';
import { claimFactsLoader } from './claim-facts';
import { personnelCountsLoader, personnelPagesLoader } from './personnel';

interface PersonReach {
  person_code: string;
  institution_codes: string[];
  region_codes: string[];
}

/**
 * Where persons work, for row scope: a person is visible to a region if their code's region or
 * any institution they are registered at lies in it; to an institution where they are registered.
 */
async function personReach(em: EntityManager, codes: string[]): Promise<Map<string, PersonReach>> {
  const rows: PersonReach[] = await em.execute(
    `select r.person_code, array_agg(distinct r.institution_code) as institution_codes, array_agg(distinct coalesce(iv.region_code, substr(r.institution_code, 2, 6))) as region_codes
       from registry.registration r left join registry.institution_view iv on iv.code = r.institution_code
      where r.person_code = any(?::text[]) group by r.person_code`,
    [`{${codes.join(',')}}`],
  );
  return new Map(rows.map((row) => [row.person_code, row]));
}

/**
 * The stretch of status history covering each (registration, date): what was enforced on the
 * day and what stands after review (E3, 002 art.47–48). One statement for all the keys.
 */
function statusOnLoader(em: EntityManager): DataLoader<{ registrationId: string; on: IsoDate }, StatusInterval | null, string> {
  return new DataLoader(
    async (keys) => {
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
    },
    { cacheKeyFn: (key) => `${key.registrationId}|${key.on}` },
  );
}

/** One loader per entity type; rows outside the caller's scope come back as FORBIDDEN errors. */
export function createLoaders(em: EntityManager, caller: Caller) {
  return {
    claimFacts: claimFactsLoader(em),
    statusOn: statusOnLoader(em),
    personnelPages: personnelPagesLoader(em),
    personnelCounts: personnelCountsLoader(em),
    person: scopedEntityLoader(caller, {
      what: 'person',
      fetch: (codes: string[]) => findRows(em, Person, { code: codes }),
      keyOf: (person) => person.code,
      reach: (persons) => personReach(em, persons.map((p) => p.code)),
      visible: (person, reach) => {
        const where = reach.get(person.code);
        return canSee(caller, { regionCodes: [person.regionCode, ...(where?.region_codes ?? [])], institutionCodes: where?.institution_codes ?? [], personCodes: [person.code] });
      },
    }),
    registration: scopedEntityLoader(caller, {
      what: 'registration',
      fetch: (ids: string[]) => findRows(em, Registration, { id: ids }),
      keyOf: (registration) => registration.id,
      reach: (registrations) => personReach(em, registrations.map((r) => r.personCode)),
      visible: (registration, reach) => {
        const where = reach.get(registration.personCode);
        return canSee(caller, { regionCodes: where?.region_codes ?? [], institutionCodes: [registration.institutionCode], personCodes: [registration.personCode] });
      },
    }),
    /** All registrations of a person, cancelled ones included, oldest first. */
    registrationsByPerson: listLoader(
      (codes: string[]) => findRows(em, Registration, { personCode: codes }, { registeredOn: 'asc', institutionCode: 'asc' }),
      (registration) => registration.personCode,
    ),
    statusHistoryByPerson: listLoader(
      (codes: string[]) => findRows(em, StatusInterval, { personCode: codes }, { validFrom: 'asc', recordedAt: 'asc' }),
      (interval) => interval.personCode,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
