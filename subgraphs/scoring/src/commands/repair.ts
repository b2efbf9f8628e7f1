import { EntityManager } from '@pq/data';
import { lockAggregates } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { IsoDate, stepDate, yearOf } from '@pq/time';
import { repairDecisionProblem, RepairStatus, repairStepProblem } from '../domain/repair';
import { institutionOf } from '../repositories/institutions';
import { findPerson } from '../repositories/persons';
import type { RepairApplication } from '../entities/repair-application';
import { personYearTotal } from '../repositories/person-years';
import { addRepair, findRepair, hasOpenRepair } from '../repositories/repairs';
import { sanctionInForce } from '../repositories/sanctions';
import { assertActsFor } from '@pq/caller';
import type { Actor } from './actor';
import { rederiveYear } from './derive-year';

/** S12: the person (or their institution for them) applies to repair points. Returns the application id. */
export async function applyForRepair(em: EntityManager, actor: Actor, personCode: string, institutionCode: string, statement: string): Promise<string> {
  if (!statement.trim()) throw new DomainError('BAD_USER_INPUT', 'the application describes the rectification (form 4)');
  const person = await findPerson(em, personCode);
  if (!person) throw notFound('person', personCode);
  if (!person.institutionCodes.includes(institutionCode)) throw new DomainError('BAD_USER_INPUT', `${personCode} is not registered at ${institutionCode}`);
  const { caller } = actor;
  if (caller.role === 'PERSON' && caller.person !== personCode) throw new DomainError('FORBIDDEN', 'a person applies for their own repair');
  if (caller.role === 'INSTITUTION' && caller.institution !== institutionCode) throw new DomainError('FORBIDDEN', 'an institution applies for its own staff');
  await lockAggregates(em, 'person', [personCode]);
  if (await hasOpenRepair(em, personCode)) {
    throw new DomainError('INVALID_STATE', 'a repair application is already open');
  }
  const application = addRepair(em, { personCode, institutionCode, statement, appliedOn: actor.clock.today(), status: RepairStatus.APPLIED });
  await em.flush();
  return application.id;
}

async function openApplication(em: EntityManager, id: string): Promise<RepairApplication> {
  const found = await findRepair(em, id);
  if (!found) throw notFound('repair application', id);
  await lockAggregates(em, 'person', [found.personCode]);
  return (await findRepair(em, id, true))!;
}

/** S12: the institution reviews the application and agrees or refuses. */
export async function reviewRepair(
  em: EntityManager,
  actor: Actor,
  id: string,
  agree: boolean,
  note: string | undefined,
  reviewedOn: IsoDate | undefined,
): Promise<string> {
  const application = await openApplication(em, id);
  if (actor.caller.role !== 'INSTITUTION' || actor.caller.institution !== application.institutionCode) {
    throw new DomainError('FORBIDDEN', `the application is reviewed by institution ${application.institutionCode}`);
  }
  const problem = repairStepProblem(application.status, 'INSTITUTION_REVIEW');
  if (problem) throw new DomainError('INVALID_STATE', problem);
  application.reviewedOn = stepDate(reviewedOn, { today: actor.clock.today(), notBefore: application.appliedOn, what: 'the review date', field: 'reviewedOn' });
  application.status = agree ? RepairStatus.INSTITUTION_AGREED : RepairStatus.INSTITUTION_REFUSED;
  application.institutionNote = note ?? null;
  await em.flush();
  return application.id;
}

/**
 * S12 (002 art.38): the agency checks the rectification; approved, it takes points off the year's
 * total from the decision's day and/or shortens the period in force, and the year is derived again
 * (a total fallen below every suspension ends the suspension). Only shortened, the status does not
 * return by itself: restoration (S13) is still needed, but its window follows the shortened period.
 */
export async function decideRepair(
  em: EntityManager,
  actor: Actor,
  id: string,
  decision: { approve: boolean; pointsReduction?: number | null; newUntil?: string | null; reason?: string | null; decidedOn?: IsoDate | null },
): Promise<string> {
  const application = await openApplication(em, id);
  const institution = await institutionOf(em, application.institutionCode);
  assertActsFor(actor.caller, institution.code, institution.regionCode);
  const problem = repairStepProblem(application.status, 'AGENCY_DECISION');
  if (problem) throw new DomainError('INVALID_STATE', problem);
  const decidedOn = stepDate(decision.decidedOn, {
    today: actor.clock.today(),
    notBefore: application.reviewedOn ?? application.appliedOn,
    what: 'the decision date',
    field: 'decidedOn',
  });
  if (!decision.approve && !decision.reason?.trim()) throw new DomainError('BAD_USER_INPUT', 'a refusal states its reason');
  Object.assign(application, { status: decision.approve ? RepairStatus.APPROVED : RepairStatus.REJECTED, decidedOn, reason: decision.reason ?? null });
  if (decision.approve) {
    const yearTotal = await personYearTotal(em, application.personCode, yearOf(decidedOn));
    const sanction = await sanctionInForce(em, application.personCode);
    const values = { pointsReduction: decision.pointsReduction ?? 0, newUntil: decision.newUntil ?? null };
    const refused = repairDecisionProblem(values, yearTotal, sanction && { from: sanction.from, until: sanction.until ?? null });
    if (refused) throw new DomainError('BAD_USER_INPUT', refused);
    Object.assign(application, values, { shortenedSanctionId: values.newUntil ? sanction!.id : null });
    await em.flush();
    // The reduction counts in the decision's year; a shortened period is capped in the year it was decided.
    const years = new Set([yearOf(decidedOn), ...(values.newUntil ? [yearOf(sanction!.from)] : [])]);
    for (const year of years) {
      await rederiveYear(em, [application.personCode], year, {
        on: actor.clock.today(),
        effectiveOn: decidedOn,
        cause: 'year re-derived on repair (记分修复)',
        basisDocument: `repair ${application.id}`,
        lowersPoints: true,
      });
    }
  }
  await em.flush();
  return application.id;
}
