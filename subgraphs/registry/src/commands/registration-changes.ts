import { assertActsFor } from '@pq/caller';
import { EntityManager, lockAggregates } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { IsoDate, stepDate } from '@pq/time';
import { LIVE_STATUSES, RegistrationStatus } from '../domain/personnel';
import type { Registration } from '../entities/registration';
import { publishRegistrationCancelled } from '../events/publish';
import { findInstitution } from '../repositories/institutions';
import { refreshRegistration, findRegistration, saveRegistrations } from '../repositories/registrations';
import { Actor } from './actor';
import { registrationCancelledChange } from './change-feed';
import { rederivePersons } from './derive-status';

/** R8: the service commitment of a registration, signed on the platform or on paper. */
export interface SignCommitment {
  registrationId: string;
  /** Default: today. */
  signedOn?: IsoDate | null;
}

/** R4: the person left the institution. */
export interface CancelRegistration {
  registrationId: string;
  /** Default: today. */
  on?: IsoDate | null;
  reason: string;
}

/** Loads a registration for a change by its institution (or an agency), locking its person. */
async function registrationForChange(em: EntityManager, actor: Actor, registrationId: string): Promise<Registration> {
  const registration = await findRegistration(em, registrationId);
  if (!registration) throw notFound('registration', registrationId);
  const institution = await findInstitution(em, registration.institutionCode);
  if (actor.caller.role === 'PERSON') {
    if (actor.caller.person !== registration.personCode) throw new DomainError('FORBIDDEN', 'a person may sign only their own commitment');
  } else {
    assertActsFor(actor.caller, registration.institutionCode, institution?.regionCode ?? registration.institutionCode.slice(1, 7));
  }
  await lockAggregates(em, 'person', [registration.personCode]);
  await refreshRegistration(em, registration);
  return registration;
}

/** R8: the service commitment, signed on the platform or on paper; without it nothing is paid. Signing twice keeps the first date. */
export async function signCommitment(em: EntityManager, actor: Actor, { registrationId, signedOn }: SignCommitment): Promise<string> {
  const registration = await registrationForChange(em, actor, registrationId);
  if (!LIVE_STATUSES.includes(registration.status)) {
    throw new DomainError('INVALID_STATE', `the registration is ${registration.status.toLowerCase()}; a new registration needs a new commitment (S13)`);
  }
  const date = stepDate(signedOn, { today: actor.clock.today(), what: 'the signing date', field: 'signedOn' });
  registration.commitmentSignedOn ??= date;
  await saveRegistrations(em);
  return registration.id;
}

/** R4: the institution cancels the registration of a person who left; the history stays. */
export async function cancelRegistration(em: EntityManager, actor: Actor, { registrationId, on, reason }: CancelRegistration): Promise<string> {
  if (!reason.trim()) throw new DomainError('BAD_USER_INPUT', 'a cancellation states its reason (contract ended, retirement, …)');
  const registration = await registrationForChange(em, actor, registrationId);
  if (registration.status === RegistrationStatus.CANCELLED)
    throw new DomainError('INVALID_STATE', `the registration was already cancelled on ${registration.cancelledOn}`);
  const date = stepDate(on, { today: actor.clock.today(), notBefore: registration.registeredOn, what: 'the cancellation date', field: 'on' });

  registration.cancelledOn = date;
  registration.cancelReason = reason;
  await saveRegistrations(em);
  const cancelled = { registrationId: registration.id, personCode: registration.personCode, institutionCode: registration.institutionCode, cancelledOn: date };
  const eventId = await publishRegistrationCancelled(em, cancelled);
  await rederivePersons(em, [registration.personCode], actor.clock.today(), [registrationCancelledChange(cancelled, eventId)]);
  return registration.id;
}
