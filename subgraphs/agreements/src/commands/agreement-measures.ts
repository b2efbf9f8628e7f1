import { assertActsFor, DomainError, EntityManager, IsoDate, lockAggregates, notFound } from '@pq/kit';
import { AgreementAction, agreementAction, newAgreement, renewedValidity, suspensionOverdue, TerminationTrigger } from '../domain/agreement-machine';
import { AgreementStatus, InstitutionKind, parseInstitutionCode } from '../domain/institution';
import { chainCauseProblem, currentAgreementsByRegion, MeasureScope, spreadsToOtherRegions, terminatesChain } from '../domain/linkage';
import { Agreement } from '../entities/agreement';
import { AgreementMeasure } from '../entities/agreement-measure';
import { Institution } from '../entities/institution';
import { outbox } from '../events/outbox';
import { publishInstitution } from '../events/publish';

export interface MeasureRequest {
  institutionCode: string;
  /** The region whose agreement is acted on; the institution's own region when absent (003 art.33). */
  regionCode?: string | null;
  action: AgreementAction;
  reason: string;
  basisDocument?: string | null;
  effectiveOn?: IsoDate | null;
  requestedDays?: number | null;
  trigger?: TerminationTrigger | null;
  /** 003 art.32(十五): the chain headquarters' legal representative, principal or actual controller caused it. */
  causedByChainHeadquarters?: boolean | null;
  department?: string | null;
  responsiblePersonCodes?: string[] | null;
  allStaff?: boolean | null;
}

export interface MeasureActor {
  sub: string;
  today: IsoDate;
}

/**
 * One measure on an institution's current agreement with a region (G9, G12–G14): checked by the
 * agreement's state machine, recorded with the persons responsible, and sent to registry (R7) and
 * to every read model. Within the same transaction, a termination caused by a chain's
 * headquarters terminates the chain's other pharmacies (003 art.32(十五)), and the home region's
 * suspension or termination reaches the agreements with the other regions (003 art.33 ¶2).
 * Returns the ids of the measures taken.
 */
export async function applyAgreementMeasure(em: EntityManager, actor: MeasureActor, request: MeasureRequest): Promise<string[]> {
  if (!request.reason.trim()) throw new DomainError('BAD_USER_INPUT', 'a measure states its reason');
  await lockAggregates(em, 'institution', [request.institutionCode]);
  const institution = await em.findOne(Institution, { code: request.institutionCode });
  if (!institution) throw notFound('institution', request.institutionCode);
  const regionCode = request.regionCode ?? institution.regionCode;
  const scope: MeasureScope = {
    kind: institution.kind,
    owner: institution.owner ?? null,
    action: request.action,
    department: request.department ?? null,
    trigger: request.trigger ?? null,
    causedByChainHeadquarters: Boolean(request.causedByChainHeadquarters),
    homeRegion: regionCode === institution.regionCode,
  };
  const chainProblem = chainCauseProblem(scope);
  if (chainProblem) throw new DomainError('BAD_USER_INPUT', chainProblem, { field: 'causedByChainHeadquarters' });
  // Registry knows the institution's registrations, not the regions: persons follow the home agreement's measures.
  if (!scope.homeRegion && (request.responsiblePersonCodes?.length || request.allStaff)) {
    throw new DomainError('BAD_USER_INPUT', `persons responsible are named on a measure of the agreement with the institution's own region ${institution.regionCode}`, { field: 'responsiblePersonCodes' });
  }
  const agreement = await em.findOne(Agreement, { institutionCode: institution.code, regionCode }, { orderBy: { validFrom: 'desc' } });
  if (!agreement) throw new DomainError('INVALID_STATE', `institution ${institution.code} has no agreement with region ${regionCode}`);

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
  const current = request.action === AgreementAction.RENEW ? em.create(Agreement, { institutionCode: institution.code, regionCode, ...newAgreement(renewedValidity(agreement.validUntil)) }) : agreement;

  const measure = em.create(AgreementMeasure, {
    agreementId: agreement.id,
    institutionCode: institution.code,
    regionCode,
    action: request.action,
    department: request.department ?? null,
    trigger: request.trigger ?? null,
    causedByChainHeadquarters: scope.causedByChainHeadquarters,
    reason: request.reason,
    basisDocument: request.basisDocument ?? null,
    effectiveOn,
    requestedDays: request.requestedDays ?? null,
    responsiblePersonCodes: request.responsiblePersonCodes ?? [],
    allStaff: request.allStaff ?? false,
    flagsTermination: result.flagsTermination,
    decidedBy: actor.sub,
  });
  // The read models know the home agreement only (InstitutionUpserted.agreement).
  if (scope.homeRegion) {
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
        department: measure.department ?? null,
      });
    }
    await publishInstitution(em, institution, current);
  }
  await em.flush();

  const ids = [measure.id];
  if (spreadsToOtherRegions(scope)) ids.push(...(await spreadToOtherRegions(em, actor, institution, request, effectiveOn)));
  if (terminatesChain(scope)) ids.push(...(await terminateChain(em, actor, institution, request)));
  return ids;
}

/** 003 art.33 ¶2: the other regions' current agreements take the home region's suspension or termination, saying so. */
async function spreadToOtherRegions(em: EntityManager, actor: MeasureActor, institution: Institution, request: MeasureRequest, effectiveOn: IsoDate): Promise<string[]> {
  const others = await em.find(Agreement, { institutionCode: institution.code, regionCode: { $ne: institution.regionCode } });
  const terminate = request.action === AgreementAction.TERMINATE;
  const trigger = terminate ? TerminationTrigger.HOME_REGION_TERMINATED : null;
  const ids: string[] = [];
  for (const agreement of currentAgreementsByRegion(others, institution.regionCode)) {
    // An agreement already suspended by its own region is not suspended twice; an ended one stays ended.
    if (!agreementAction(agreement, { action: request.action, today: actor.today, effectiveOn, trigger }).ok) continue;
    ids.push(
      ...(await applyAgreementMeasure(em, actor, {
        institutionCode: institution.code,
        regionCode: agreement.regionCode,
        action: request.action,
        trigger,
        reason: `${terminate ? '所在地统筹地区解除医保协议' : '所在地统筹地区中止医保协议'} (003 art.33 ¶2) — the agreement with region ${institution.regionCode} was ${terminate ? 'terminated' : 'suspended'}: ${request.reason}`,
        basisDocument: request.basisDocument,
        effectiveOn,
      })),
    );
  }
  return ids;
}

/** 003 art.32(十五): the other pharmacies of the same chain are terminated together. */
async function terminateChain(em: EntityManager, actor: MeasureActor, pharmacy: Institution, request: MeasureRequest): Promise<string[]> {
  const siblings = await em.find(Institution, { owner: pharmacy.owner, kind: InstitutionKind.PHARMACY, code: { $ne: pharmacy.code } }, { orderBy: { code: 'asc' } });
  const agreements = await em.find(Agreement, { institutionCode: { $in: siblings.map((s) => s.code) } });
  const ids: string[] = [];
  for (const sibling of siblings) {
    const [agreement] = currentAgreementsByRegion(agreements.filter((a) => a.institutionCode === sibling.code && a.regionCode === sibling.regionCode), sibling.regionCode);
    if (!agreement || (agreement.status !== AgreementStatus.ACTIVE && agreement.status !== AgreementStatus.SUSPENDED)) continue;
    ids.push(
      ...(await applyAgreementMeasure(em, actor, {
        ...request,
        institutionCode: sibling.code,
        regionCode: null,
        trigger: TerminationTrigger.CHAIN_OWNER_TERMINATED,
        reason: `${pharmacy.code} of the same chain was terminated through its headquarters: ${request.reason}`,
      })),
    );
  }
  return ids;
}

/** Who may act on an institution's agreement with a region (default its own): that region's agencies. */
export async function assertMayMeasure(em: EntityManager, context: Parameters<typeof assertActsFor>[0], institutionCode: string, regionCode?: string | null): Promise<void> {
  const institution = await em.findOne(Institution, { code: institutionCode });
  if (!institution) throw notFound('institution', institutionCode);
  assertActsFor(context, institution.code, regionCode ?? institution.regionCode);
}

/** G12: agreements suspended for more than 180 days without resuming are terminated. Returns the institutions terminated. */
export async function terminateOverdueSuspensions(em: EntityManager, today: IsoDate): Promise<string[]> {
  const suspended = await em.find(Agreement, { status: AgreementStatus.SUSPENDED, suspendedSince: { $ne: null } });
  // The home region's agreements first: their termination carries the others with it (003 art.33 ¶2).
  const home = (agreement: Agreement) => (parseInstitutionCode(agreement.institutionCode)?.regionCode === agreement.regionCode ? 0 : 1);
  const overdue = suspended.filter((a) => suspensionOverdue(a.suspendedSince!, today)).sort((a, b) => home(a) - home(b));
  const terminated = new Set<string>();
  for (const agreement of overdue) {
    // Already terminated with its home region's agreement.
    if (agreement.status !== AgreementStatus.SUSPENDED) continue;
    terminated.add(agreement.institutionCode);
    await applyAgreementMeasure(em, { sub: 'system:agreement-deadlines', today }, {
      institutionCode: agreement.institutionCode,
      regionCode: agreement.regionCode,
      action: AgreementAction.TERMINATE,
      trigger: TerminationTrigger.SUSPENSION_OVER_180_DAYS,
      reason: `suspended since ${agreement.suspendedSince} for more than 180 days without resuming (G12)`,
      allStaff: false,
    });
  }
  return [...terminated];
}
