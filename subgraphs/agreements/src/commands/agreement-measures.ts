import { assertActsFor } from '@pq/caller';
import type { AuditScope } from '@pq/data';
import { institutionAuditScopes } from '../repositories/audit-scope';
import { EntityManager } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { IsoDate } from '@pq/time';
import { AgreementAction, agreementAction, measuredAgreement, renewedValidity, suspensionOverdue, TerminationTrigger } from '../domain/agreement-machine';
import { AgreementStatus, parseInstitutionCode } from '../domain/institution';
import { chainCauseProblem, currentAgreementsByRegion, MeasureScope, spreadsToOtherRegions, terminatesChain } from '../domain/linkage';
import type { Institution } from '../entities/institution';
import { publishAgreementMeasure, publishInstitution } from '../events/publish';
import { agreementsOf, agreementsWithOtherRegions, createAgreement, latestAgreement, recordMeasure, suspendedAgreements } from '../repositories/agreements';
import { chainSisters, findInstitution, lockInstitutions } from '../repositories/institutions';
import { Actor, systemActor } from './actor';

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

type MeasureActor = Pick<Actor, 'caller' | 'clock'>;

/**
 * A measure asked for by a caller: an institution may only ask for a renewal, which the agency
 * decides (G9); the agencies of the agreement's region act on it. Returns the ids of the measures taken.
 */
export async function takeAgreementMeasure(em: EntityManager, actor: MeasureActor, request: MeasureRequest): Promise<string[]> {
  if ((request.action === AgreementAction.RENEW || request.action === AgreementAction.DECLINE_RENEWAL) && actor.caller.role === 'INSTITUTION') {
    throw new DomainError('FORBIDDEN', 'the agency decides a renewal');
  }
  const institution = await findInstitution(em, request.institutionCode);
  if (!institution) throw notFound('institution', request.institutionCode);
  assertActsFor(actor.caller, institution.code, request.regionCode ?? institution.regionCode);
  return applyAgreementMeasure(em, actor, request);
}

/**
 * One measure on an institution's current agreement with a region (G9, G12–G14): checked by the
 * agreement's state machine, recorded with the persons responsible, and sent to registry (R7) and
 * to every read model. Within the same transaction, a termination caused by a chain's
 * headquarters terminates the chain's other pharmacies (003 art.32(十五)), and the home region's
 * suspension or termination reaches the agreements with the other regions (003 art.33 ¶2).
 * Returns the ids of the measures taken.
 */
async function applyAgreementMeasure(em: EntityManager, actor: MeasureActor, request: MeasureRequest): Promise<string[]> {
  if (!request.reason.trim()) throw new DomainError('BAD_USER_INPUT', 'a measure states its reason');
  await lockInstitutions(em, [request.institutionCode]);
  const institution = await findInstitution(em, request.institutionCode);
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
    throw new DomainError(
      'BAD_USER_INPUT',
      `persons responsible are named on a measure of the agreement with the institution's own region ${institution.regionCode}`,
      { field: 'responsiblePersonCodes' },
    );
  }
  const agreement = await latestAgreement(em, institution.code, regionCode);
  if (!agreement) throw new DomainError('INVALID_STATE', `institution ${institution.code} has no agreement with region ${regionCode}`);

  const today = actor.clock.today();
  const effectiveOn = request.effectiveOn ?? today;
  const result = agreementAction(agreement, {
    action: request.action,
    today,
    effectiveOn,
    requestedDays: request.requestedDays,
    trigger: request.trigger,
    publicInstitution: institution.publicInstitution,
    department: request.department,
  });
  if (!result.ok) throw new DomainError(result.code, result.message);
  Object.assign(agreement, measuredAgreement(agreement, { action: request.action, department: request.department, effectiveOn }, result));
  const current =
    request.action === AgreementAction.RENEW ? createAgreement(em, institution.code, regionCode, renewedValidity(agreement.validUntil)) : agreement;

  const measure = recordMeasure(em, {
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
    decidedBy: actor.caller.sub,
  });
  // The read models know the home agreement only (InstitutionUpserted.agreement).
  if (scope.homeRegion) {
    await publishAgreementMeasure(em, measure);
    await publishInstitution(em, institution, current);
  }
  await em.flush();

  const ids = [measure.id];
  if (spreadsToOtherRegions(scope)) ids.push(...(await spreadToOtherRegions(em, actor, institution, request, effectiveOn)));
  if (terminatesChain(scope)) ids.push(...(await terminateChain(em, actor, institution, request)));
  return ids;
}

/** 003 art.33 ¶2: the other regions' current agreements take the home region's suspension or termination, saying so. */
async function spreadToOtherRegions(
  em: EntityManager,
  actor: MeasureActor,
  institution: Institution,
  request: MeasureRequest,
  effectiveOn: IsoDate,
): Promise<string[]> {
  const others = await agreementsWithOtherRegions(em, institution.code, institution.regionCode);
  const terminate = request.action === AgreementAction.TERMINATE;
  const trigger = terminate ? TerminationTrigger.HOME_REGION_TERMINATED : null;
  const ids: string[] = [];
  for (const agreement of currentAgreementsByRegion(others, institution.regionCode)) {
    // An agreement already suspended by its own region is not suspended twice; an ended one stays ended.
    if (!agreementAction(agreement, { action: request.action, today: actor.clock.today(), effectiveOn, trigger }).ok) continue;
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
  const siblings = await chainSisters(em, pharmacy);
  const agreements = await agreementsOf(
    em,
    siblings.map((s) => s.code),
  );
  const ids: string[] = [];
  for (const sibling of siblings) {
    const [agreement] = currentAgreementsByRegion(
      agreements.filter((a) => a.institutionCode === sibling.code && a.regionCode === sibling.regionCode),
      sibling.regionCode,
    );
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

/** G12: agreements suspended for more than 180 days without resuming are terminated. Returns the institutions terminated. */
export async function terminateOverdueSuspensions(em: EntityManager, today: IsoDate): Promise<{ target: string; scope: AuditScope }[]> {
  const suspended = await suspendedAgreements(em);
  // The home region's agreements first: their termination carries the others with it (003 art.33 ¶2).
  const home = (agreement: { institutionCode: string; regionCode: string }) =>
    parseInstitutionCode(agreement.institutionCode)?.regionCode === agreement.regionCode ? 0 : 1;
  const overdue = suspended.filter((a) => suspensionOverdue(a.suspendedSince!, today)).sort((a, b) => home(a) - home(b));
  const actor = systemActor('system:agreement-deadlines', today);
  const terminated = new Set<string>();
  for (const agreement of overdue) {
    // Already terminated with its home region's agreement.
    if (agreement.status !== AgreementStatus.SUSPENDED) continue;
    terminated.add(agreement.institutionCode);
    await applyAgreementMeasure(em, actor, {
      institutionCode: agreement.institutionCode,
      regionCode: agreement.regionCode,
      action: AgreementAction.TERMINATE,
      trigger: TerminationTrigger.SUSPENSION_OVER_180_DAYS,
      reason: `suspended since ${agreement.suspendedSince} for more than 180 days without resuming (G12)`,
      allStaff: false,
    });
  }
  const scopes = await institutionAuditScopes(em, [...terminated]);
  return [...terminated].map((code) => ({ target: code, scope: scopes.get(code)! }));
}
