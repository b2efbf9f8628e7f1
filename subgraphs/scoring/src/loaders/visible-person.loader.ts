import { scopedEntityLoader } from '@pq/batching';
import { Caller, canSee } from '@pq/caller';
import { EntityManager, findRows } from '@pq/data';
import { PersonView } from '../entities/person-view';

/** Row scope for Person fields: where the person works, from registry's events. */
export const visiblePersonLoader = (em: EntityManager, caller: Caller) =>
  scopedEntityLoader(caller, {
    what: 'person',
    fetch: async (codes: string[]) => codes.map((code) => ({ code })),
    keyOf: (person) => person.code,
    reach: async (persons) => new Map((await findRows(em, PersonView, { code: persons.map((p) => p.code) })).map((known) => [known.code, known])),
    visible: ({ code }, known) => {
      const person = known.get(code);
      return canSee(caller, { regionCodes: [code.replace(/^[A-Z]+/, '').slice(0, 6), ...(person?.regionCodes ?? [])], institutionCodes: person?.institutionCodes ?? [], personCodes: [code] });
    },
  });
