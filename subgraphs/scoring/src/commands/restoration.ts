import { EntityManager } from '@pq/data';
import { lockAggregates } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { IsoDate, stepDate, yearOf } from '@pq/time';
import { SanctionKind, SanctionState } from '../domain/outcome';
import { RESTORATION_DECISION_WORKING_DAYS, restorationDecisionProblem, restorationProblem, RestorationStatus } from '../domain/restoration';
import { findInstitution, institutionOf } from '../repositories/institutions';
import { addRestoration, findRestoration, hasOpenRestoration } from '../repositories/restorations';
import { sanctionInForce, sanctionOf } from '../repositories/sanctions';
import { assertActsFor } from '@pq/caller';
import type { Actor } from './actor';
import { rederiveYear } from './derive-year';
import { liftSanction } from './lift-sanction';

/** S13: the person applies through their institution, from 15 wd before the period ends. Returns the application id. */
export async function applyForRestoration(
  em: EntityManager,
  actor: Actor,
  personCode: string,
  institutionCode: string,
  appliedOn: IsoDate | undefined,
): Promise<string> {
  const institution = await findInstitution(em, institutionCode);
  if (!institution) throw notFound('institution', institutionCode);
  assertActsFor(actor.caller, institution.code, institution.regionCode);
  await lockAggregates(em, 'person', [personCode]);
  const sanction = await sanctionInForce(em, personCode);
  const hasOpenApplication = sanction ? await hasOpenRestoration(em, sanction.id) : false;
  const date = appliedOn ?? actor.clock.today();
  const problem = restorationProblem(
    {
      sanction: sanction && { kind: sanction.kind as 'SUSPENSION' | 'TERMINATION', until: sanction.until ?? null },
      hasOpenApplication,
      appliedOn: date,
      today: actor.clock.today(),
    },
    actor.calendar,
  );
  if (problem) throw new DomainError(problem.code, problem.message, problem.opensOn ? { opensOn: problem.opensOn } : {});
  const application = addRestoration(em, {
    personCode,
    sanctionId: sanction!.id,
    institutionCode,
    appliedOn: date,
    decideBy: actor.calendar.addWorkingDays(date, RESTORATION_DECISION_WORKING_DAYS),
    status: RestorationStatus.APPLIED,
  });
  await em.flush();
  return application.id;
}

/**
 * S13: the agency decides, on the real day of its decision. Approved: the status returns at every site the sanction changed
 * (after a suspension); after a termination the person needs a new commitment and registration.
 * Refused: the reason is recorded for the institution to pass on. Approved, the years from the
 * sanction's are derived again: a decision after the restoration's day no longer meets it running.
 */
export async function decideRestoration(
  em: EntityManager,
  actor: Actor,
  applicationId: string,
  approve: boolean,
  reason: string | undefined,
  decidedOn?: IsoDate,
): Promise<string> {
  const found = await findRestoration(em, applicationId);
  if (!found) throw notFound('restoration application', applicationId);
  const institution = await institutionOf(em, found.institutionCode);
  assertActsFor(actor.caller, institution.code, institution.regionCode);
  await lockAggregates(em, 'person', [found.personCode]);
  const application = (await findRestoration(em, applicationId, true))!;
  const problem = restorationDecisionProblem(application.status);
  if (problem) throw new DomainError('INVALID_STATE', problem);
  if (!approve && !reason?.trim()) throw new DomainError('BAD_USER_INPUT', 'a refusal states its reason (S13)');
  const date = stepDate(decidedOn, { today: actor.clock.today(), notBefore: application.appliedOn, what: 'the decision date', field: 'decidedOn' });
  application.status = approve ? RestorationStatus.APPROVED : RestorationStatus.REJECTED;
  application.decidedOn = date;
  application.reason = reason ?? null;
  if (approve) {
    const sanction = await sanctionOf(em, application.sanctionId);
    if (sanction.state !== SanctionState.IN_FORCE) throw new DomainError('INVALID_STATE', 'the sanction is no longer in force');
    await liftSanction(em, sanction, {
      on: date,
      cause: 'payment qualification restored (资格恢复)',
      basisDocument: `restoration ${application.id}`,
      reinstateRegistrations: sanction.kind === SanctionKind.SUSPENSION,
    });
    await rederiveYear(em, [application.personCode], yearOf(sanction.from), {
      on: actor.clock.today(),
      effectiveOn: date,
      cause: 'year re-derived on restoration (资格恢复)',
      basisDocument: `restoration ${application.id}`,
      lowersPoints: false,
    });
  }
  await em.flush();
  return application.id;
}
