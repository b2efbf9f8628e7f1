import { EntityManager } from '@pq/data';
import { scopedEntityLoader } from '@pq/batching';
import { Caller } from '@pq/caller';
import { findPersons } from '../repositories/persons';
import { maySeePerson } from '../repositories/scope';

export const visiblePersonLoader = (em: EntityManager, caller: Caller) =>
  scopedEntityLoader(caller, {
    what: 'person',
    fetch: async (codes: string[]) => codes.map((code) => ({ code })),
    keyOf: (person) => person.code,
    reach: async (persons) =>
      new Map(
        (
          await findPersons(
            em,
            persons.map((p) => p.code),
          )
        ).map((known) => [known.code, known]),
      ),
    visible: ({ code }, known) => maySeePerson(caller, code, known.get(code)),
  });
