import { assertActsFor, DomainError, EntityManager, lockAggregates, notFound, yearOf } from '@pq/kit';
import { SanctionKind } from '../domain/outcome';
import { repairDecisionProblem, RepairStatus, repairStepProblem } from '../domain/repair';
import { KnownInstitution, KnownPerson, PersonYear } from '../entities/read-models';
import { RepairApplication } from '../entities/repair-application';
import { Sanction, SanctionState } from '../entities/sanction';
import { outbox } from '../events/outbox';
import type { Context } from '../resolvers/context';

/** S12: the person (or their institution for them) applies to repair points. Returns the application id. */
export async function applyForRepair(em: EntityManager, context: Context, personCode: string, institutionCode: string, statement: string): Promise<string> {
  if (!statement.trim()) throw new DomainError('BAD_USER_INPUT', 'the application describes the rectification (form 4)');
  const person = await em.findOne(KnownPerson, { code: personCode });
  if (!person) throw notFound('person', personCode);
  if (!person.institutionCodes.includes(institutionCode)) throw new DomainError('BAD_USER_INPUT', `${personCode} is not registered at ${institutionCode}`);
  const { caller } = context;
  if (caller.role === 'PERSON' && caller.person !== personCode) throw new DomainError('FORBIDDEN', 'a person applies for their own repair');
  if (caller.role === 'INSTITUTION' && caller.institution !== institutionCode) throw new DomainError('FORBIDDEN', 'an institution applies for its own staff');
  await lockAggregates(em, 'person', [personCode]);
  if ((await em.count(RepairApplication, { personCode, status: { $in: [RepairStatus.APPLIED, RepairStatus.INSTITUTION_AGREED] } })) > 0) {
    throw new DomainError('INVALID_STATE', 'a repair application is already open');
  }
  const application = em.create(RepairApplication, { personCode, institutionCode, statement, appliedOn: context.clock.today(), status: RepairStatus.APPLIED });
  await em.flush();
  return application.id;
}

async function openApplication(em: EntityManager, id: string): Promise<RepairApplication> {
  const application = await em.findOne(RepairApplication, { id });
  if (!application) throw notFound('repair application', id);
  await lockAggregates(em, 'person', [application.personCode]);
  await em.refresh(application);
  return application;
}

/** S12: the institution reviews the application and agrees or refuses. */
export async function reviewRepair(em: EntityManager, context: Context, id: string, agree: boolean, note: string | undefined): Promise<string> {
  const application = await openApplication(em, id);
  if (context.caller.role !== 'INSTITUTION' || context.caller.institution !== application.institutionCode) {
    throw new DomainError('FORBIDDEN', `the application is reviewed by institution ${application.institutionCode}`);
  }
  const problem = repairStepProblem(application.status, 'INSTITUTION_REVIEW');
  if (problem) throw new DomainError('INVALID_STATE', problem);
  application.status = agree ? RepairStatus.INSTITUTION_AGREED : RepairStatus.INSTITUTION_REFUSED;
  application.institutionNote = note ?? null;
  await em.flush();
  return application.id;
}

/**
 * S12: the agency checks the rectification; approved, it takes points off the year's total
 * and/or shortens the period in force. The status does not return by itself: restoration (S13)
 * is still needed, but its window follows the shortened period.
 */
export async function decideRepair(
  em: EntityManager,
  context: Context,
  id: string,
  decision: { approve: boolean; pointsReduction?: number | null; newUntil?: string | null; reason?: string | null },
): Promise<string> {
  const application = await openApplication(em, id);
  const institution = await em.findOneOrFail(KnownInstitution, { code: application.institutionCode });
  assertActsFor(context, institution.code, institution.regionCode);
  const problem = repairStepProblem(application.status, 'AGENCY_DECISION');
  if (problem) throw new DomainError('INVALID_STATE', problem);
  const today = context.clock.today();
  if (decision.approve) {
    const year = await em.findOne(PersonYear, { personCode: application.personCode, year: yearOf(today) });
    const sanction = await em.findOne(Sanction, { personCode: application.personCode, state: SanctionState.IN_FORCE });
    const values = { pointsReduction: decision.pointsReduction ?? 0, newUntil: decision.newUntil ?? null };
    const refused = repairDecisionProblem(values, year?.points ?? 0, sanction && { from: sanction.from, until: sanction.until ?? null });
    if (refused) throw new DomainError('BAD_USER_INPUT', refused);
    if (year && values.pointsReduction) year.points -= values.pointsReduction;
    if (sanction && values.newUntil) {
      sanction.until = values.newUntil;
      sanction.reason = `${sanction.reason}; shortened to ${values.newUntil} by repair (记分修复)`;
      if (sanction.kind === SanctionKind.TERMINATION) {
        await outbox.publish(em, 'ReRegistrationBanChanged', sanction.personCode, { personCode: sanction.personCode, sanctionId: sanction.id, until: values.newUntil });
      }
    }
    Object.assign(application, values);
  } else if (!decision.reason?.trim()) {
    throw new DomainError('BAD_USER_INPUT', 'a refusal states its reason');
  }
  Object.assign(application, { status: decision.approve ? RepairStatus.APPROVED : RepairStatus.REJECTED, decidedOn: today, reason: decision.reason ?? null });
  await em.flush();
  return application.id;
}
