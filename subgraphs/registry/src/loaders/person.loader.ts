import { scopedEntityLoader } from '@pq/batching';
import { Caller } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { personsByCodes, visiblePersonCodes } from '../repositories/persons';

/** Persons by code; one outside the caller's scope comes back as a FORBIDDEN error. */
export function personLoader(em: EntityManager, caller: Caller) {
  return scopedEntityLoader(caller, {
    what: 'person',
    fetch: (codes: string[]) => personsByCodes(em, codes),
    keyOf: (person) => person.code,
    reach: (persons) =>
      visiblePersonCodes(
        em,
        caller,
        persons.map((p) => p.code),
      ),
    visible: (person, visible) => visible.has(person.code),
  });
}
