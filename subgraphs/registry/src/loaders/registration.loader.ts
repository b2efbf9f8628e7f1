import { scopedEntityLoader } from '@pq/batching';
import { Caller } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { registrationsByIds, visibleRegistrationIds } from '../repositories/registrations';

/** Registrations by id; one outside the caller's scope comes back as a FORBIDDEN error. */
export function registrationLoader(em: EntityManager, caller: Caller) {
  return scopedEntityLoader(caller, {
    what: 'registration',
    fetch: (ids: string[]) => registrationsByIds(em, ids),
    keyOf: (registration) => registration.id,
    reach: (registrations) =>
      visibleRegistrationIds(
        em,
        caller,
        registrations.map((r) => r.id),
      ),
    visible: (registration, visible) => visible.has(registration.id),
  });
}
