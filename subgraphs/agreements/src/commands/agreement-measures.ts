import { assertActsFor, DomainError, EntityManager, IsoDate, lockAggregates, notFound } from '@pq/kit';
import { AgreementAction, agreementAction, newAgreement, renewedValidity, suspensionOverdue, TerminationTrigger } from '../domain/agreement-machine';
import { AgreementStatus, InstitutionKind } from '../domain/institution';
import { Agreement } from '../entities/agreement';
import { AgreementMeasure } from '../entities/agreement-measure';
import { Institution } from '../entities/institution';
import { outbox } from '../events/outbox';
import { publishInstitution } from '../events/publish';

export interface MeasureRequest {
  institutionCode: string;
  action: AgreementAction;
  reason: string;
  basisDocument?: string | null;
  effectiveOn?: IsoDate | null;
  requestedDays?: number | null;
  trigger?: TerminationTrigger | null;
  department?: string | null;
  responsiblePersonCodes?: string[] | null;
  allStaff?: boolean | null;
}

export interface MeasureActor {
  sub: string;
  today: IsoDate;
}

/**
 * One measure on an institution's current agreement (G9, G12–G14): checked by the agreement's
 * state machine, recorded with the persons responsible, and sent to registry (R7) and to every
 * read model. Terminating a pharmacy terminates the other pharmacies of the same owner (G13).
 * Returns the ids of the measures taken.
 */
export async function applyAgreementMeasure(em: EntityManager, actor: MeasureActor, request: MeasureRequest): Promise<string[]> {
  if (!request.reason.trim()) throw new DomainError('BAD_USER_INPUT', 'a measure states its reason');
  await lockAggregates(em, 'institution', [request.institutionCode]);
  const institution = await em.findOne(Institution, { code: request.institutionCode });
  if (!institution) throw notFound('institution', request.institutionCode);
  const agreement = await em.findOne(Agreement, { institutionCode: institution.code }, { orderBy: { validFrom: 'desc' } });
  if (!agreement) throw new DomainError('INVALID_STATE', `institution ${institution.code} has no agreement`);

  const effectiveOn = request.effectiveOn ?? actor.today;
  const result = agreementAction(
    { status: agreement.status, validUntil: agreement.validUntil, renewalPending: agreement.renewalPending, suspensionCount: agreement.suspensionCount },
    { action: request.action, today: actor.today, effectiveOn, requestedDays: request.requestedDays, trigger: request.trigger, publicInstitution: institution.publicInstitution, department: request.department },
  );
  if (!result.ok) throw new DomainError(result.code, result.message);

  const wholeAgreement = !request.department;
  if (wholeAgreement) {
    if (request.action === AgreementAction.SUSPEND) {
      agreement.suspendedSince = effectiveOn;
      agreement.suspensionCount += 1;
    }
    if (request.action === AgreementAction.RESUME || request.action === AgreementAction.TERMINATE) agreement.suspendedSince = null;
    const status = result.status === AgreementStatus.EXPIRED ? AgreementStatus.ACTIVE : result.status;
    // Registry keeps the agreement's status per day from this (E3: payment on a past date).
    if (status !== agreement.status) agreement.statusSince = effectiveOn;
    agreement.status = status;
    agreement.renewalPending = result.renewalPending;
  }
  const current = request.action === AgreementAction.RENEW ? em.create(Agreement, { institutionCode: institution.code, ...newAgreement(renewedValidity(agreement.validUntil)) }) : agreement;

  const measure = em.create(AgreementMeasure, {
    agreementId: agreement.id,
    institutionCode: institution.code,
    action: request.action,
    department: request.department ?? null,
    trigger: request.trigger ?? null,
    reason: request.reason,
    basisDocument: request.basisDocument ?? null,
    effectiveOn,
    requestedDays: request.requestedDays ?? null,
    responsiblePersonCodes: request.responsiblePersonCodes ?? [],
    allStaff: request.allStaff ?? false,
    flagsTermination: result.flagsTermination,
    decidedBy: actor.sub,
  });
  if (request.action === AgreementAction.SUSPEND || request.action === AgreementAction.RESUME || request.action === AgreementAction.TERMINATE) {
    await outbox.publish(em, 'AgreementMeasureApplied', institution.code, {
      measureId: measure.id,
      institutionCode: institution.code,
      action: request.action,
      effectiveOn,
      responsiblePersonCodes: measure.responsiblePersonCodes,
      allStaff: measure.allStaff,
      reason: request.department ? `${request.department}: ${request.reason}` : request.reason,
      basisDocument: measure.basisDocument ?? null,
    });
  }
  await publishInstitution(em, institution, current);
  await em.flush();

  const ids = [measure.id];
  if (wholeAgreement && request.action === AgreementAction.TERMINATE && institution.kind === InstitutionKind.PHARMACY && institution.owner) {
    ids.push(...(await terminateChain(em, actor, institution, request)));
  }
  return ids;
}

/** G13: the other pharmacies of the same owner are terminated together. */
async function terminateChain(em: EntityManager, actor: MeasureActor, pharmacy: Institution, request: MeasureRequest): Promise<string[]> {
  const siblings = await em.find(Institution, { owner: pharmacy.owner, kind: InstitutionKind.PHARMACY, code: { $ne: pharmacy.code } }, { orderBy: { code: 'asc' } });
  // The current (latest) agreement of every sibling, in one query.
  const agreements = await em.find(Agreement, { institutionCode: { $in: siblings.map((s) => s.code) } }, { orderBy: { validFrom: 'asc' } });
  const current = new Map(agreements.map((a) => [a.institutionCode, a]));
  const ids: string[] = [];
  for (const sibling of siblings) {
    const agreement = current.get(sibling.code);
    if (!agreement || (agreement.status !== AgreementStatus.ACTIVE && agreement.status !== AgreementStatus.SUSPENDED)) continue;
    ids.push(
      ...(await applyAgreementMeasure(em, actor, {
        ...request,
        institutionCode: sibling.code,
        trigger: TerminationTrigger.CHAIN_OWNER_TERMINATED,
        reason: `${pharmacy.code} of the same owner was terminated: ${request.reason}`,
      })),
    );
  }
  return ids;
}

/** Who may act on an institution's agreement: agencies within their region. */
export async function assertMayMeasure(em: EntityManager, context: Parameters<typeof assertActsFor>[0], institutionCode: string): Promise<void> {
  const institution = await em.findOne(Institution, { code: institutionCode });
  if (!institution) throw notFound('institution', institutionCode);
  assertActsFor(context, institution.code, institution.regionCode);
}

/** G12: agreements suspended for more than 180 days without resuming are terminated. Returns the institutions terminated. */
export async function terminateOverdueSuspensions(em: EntityManager, today: IsoDate): Promise<string[]> {
  const suspended = await em.find(Agreement, { status: AgreementStatus.SUSPENDED, suspendedSince: { $ne: null } });
  const overdue = suspended.filter((a) => suspensionOverdue(a.suspendedSince!, today));
  for (const agreement of overdue) {
    await applyAgreementMeasure(em, { sub: 'system:agreement-deadlines', today }, {
      institutionCode: agreement.institutionCode,
      action: AgreementAction.TERMINATE,
      trigger: TerminationTrigger.SUSPENSION_OVER_180_DAYS,
      reason: `suspended since ${agreement.suspendedSince} for more than 180 days without resuming (G12)`,
      allStaff: false,
    });
  }
  return overdue.map((a) => a.institutionCode);
}
