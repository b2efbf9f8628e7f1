import { assertActsFor, DomainError, EntityManager, IsoDate, lockAggregates, notFound, stepDate } from '@pq/kit';
import { LIVE_STATUSES, RegistrationStatus } from '../domain/personnel';
import { InstitutionView } from '../entities/institution-view';
import { Registration } from '../entities/registration';
import { outbox } from '../events/outbox';
import type { Context } from '../resolvers/context';
import { rederivePersons } from './derive-status';

/** Loads a registration for a change by its institution (or an agency), locking its person. */
async function registrationForChange(em: EntityManager, context: Context, registrationId: string): Promise<Registration> {
  const registration = await em.findOne(Registration, { id: registrationId });
  if (!registration) throw notFound('registration', registrationId);
  const institution = await em.findOne(InstitutionView, { code: registration.institutionCode });
  if (context.caller.role === 'PERSON') {
    if (context.caller.person !== registration.personCode) throw new DomainError('FORBIDDEN', 'a person may sign only their own commitment');
  } else {
    assertActsFor(context, registration.institutionCode, institution?.regionCode ?? registration.institutionCode.slice(1, 7));
  }
  await lockAggregates(em, 'person', [registration.personCode]);
  await em.refresh(registration);
  return registration;
}

/** R8: the service commitment, signed on the platform or on paper; without it nothing is paid. Signing twice keeps the first date. */
export async function signCommitment(em: EntityManager, context: Context, registrationId: string, signedOn: IsoDate | undefined): Promise<string> {
  const registration = await registrationForChange(em, context, registrationId);
  if (!LIVE_STATUSES.includes(registration.status)) {
    throw new DomainError('INVALID_STATE', `the registration is ${registration.status.toLowerCase()}; a new registration needs a new commitment (S13)`);
  }
  const date = stepDate(signedOn, { today: context.clock.today(), what: 'the signing date', field: 'signedOn' });
  registration.commitmentSignedOn ??= date;
  await em.flush();
  return registration.id;
}

/** R4: the institution cancels the registration of a person who left; the history stays. */
export async function cancelRegistration(em: EntityManager, context: Context, registrationId: string, on: IsoDate | undefined, reason: string): Promise<string> {
  if (!reason.trim()) throw new DomainError('BAD_USER_INPUT', 'a cancellation states its reason (contract ended, retirement, …)');
  const registration = await registrationForChange(em, context, registrationId);
  if (registration.status === RegistrationStatus.CANCELLED) throw new DomainError('INVALID_STATE', `the registration was already cancelled on ${registration.cancelledOn}`);
  const date = stepDate(on, { today: context.clock.today(), notBefore: registration.registeredOn, what: 'the cancellation date', field: 'on' });

  registration.cancelledOn = date;
  registration.cancelReason = reason;
  await em.flush();
  await rederivePersons(em, [registration.personCode], context.clock.today());
  await outbox.publish(em, 'RegistrationCancelled', registration.personCode, { registrationId: registration.id, personCode: registration.personCode, institutionCode: registration.institutionCode, cancelledOn: date });
  return registration.id;
}
