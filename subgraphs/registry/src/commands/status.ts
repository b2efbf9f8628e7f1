import type { EntityManager, IsoDate } from '@pq/kit';
import { RegistrationStatus } from '../domain/personnel';
import { statusChangePlan } from '../domain/registration';
import { Registration } from '../entities/registration';
import { StatusInterval } from '../entities/status-interval';

export interface StatusChangeCause {
  effectiveOn: IsoDate;
  cause: string;
  basisDocument?: string | null;
}

/** Opens the first interval of a new registration. */
export function startStatusHistory(em: EntityManager, registration: Registration, cause: string): void {
  em.create(StatusInterval, {
    registrationId: registration.id,
    personCode: registration.personCode,
    institutionCode: registration.institutionCode,
    status: registration.status,
    validFrom: registration.registeredOn,
    validTo: null,
    cause,
    basisDocument: null,
  });
}

/**
 * Changes the status of registrations and records each change as a new interval of their
 * history (R11), closing the open one. One query loads the open intervals of all of them.
 */
export async function changeRegistrationStatuses(em: EntityManager, registrations: Registration[], status: RegistrationStatus, change: StatusChangeCause): Promise<void> {
  if (registrations.length === 0) return;
  const open = await em.find(StatusInterval, { registrationId: { $in: registrations.map((r) => r.id) }, validTo: null });
  for (const registration of registrations) {
    const current = open.find((interval) => interval.registrationId === registration.id) ?? null;
    const plan = statusChangePlan(current, registration.registeredOn, change.effectiveOn);
    if (current && plan.closeOpen === 'end') current.validTo = plan.effectiveOn;
    if (current && plan.closeOpen === 'replace') em.remove(current);
    registration.status = status;
    em.create(StatusInterval, {
      registrationId: registration.id,
      personCode: registration.personCode,
      institutionCode: registration.institutionCode,
      status,
      validFrom: plan.effectiveOn,
      validTo: null,
      cause: change.cause,
      basisDocument: change.basisDocument ?? null,
    });
  }
}
