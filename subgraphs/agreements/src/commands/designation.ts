import { addDays, addMonths, assertActsFor, DomainError, EntityManager, IsoDate, lockAggregates, notFound, stepDate, yearOf } from '@pq/kit';
import { newAgreement } from '../domain/agreement-machine';
import { DesignationAction, DesignationConditions, designationFindings, DesignationStatus, designationStep, effectiveDesignationStatus, OPEN_DESIGNATION_STATUSES, statusDeadline } from '../domain/designation';
import { AgreementStatus, institutionIdentityProblem, InstitutionKind } from '../domain/institution';
import { Agreement } from '../entities/agreement';
import { AgreementMeasure } from '../entities/agreement-measure';
import { DesignationApplication } from '../entities/designation-application';
import { DesignationStep } from '../entities/designation-step';
import { Institution } from '../entities/institution';
import { publishInstitution } from '../events/publish';
import type { Context } from '../resolvers/context';

export interface DesignationSubmission {
  institutionCode: string;
  name: string;
  kind: InstitutionKind;
  regionCode: string;
  owner?: string | null;
  conditions: DesignationConditions;
  materials: string[];
  /** The day the application was received: today when absent. */
  submittedOn?: IsoDate | null;
}

async function applicantFindings(em: EntityManager, application: Pick<DesignationApplication, 'institutionCode' | 'kind' | 'regionCode' | 'conditions' | 'materials'>, today: string) {
  const terminations = await em.find(AgreementMeasure, { institutionCode: application.institutionCode, action: 'TERMINATE' as never });
  const earlier = await em.find(DesignationApplication, { institutionCode: application.institutionCode, status: DesignationStatus.EVALUATION_FAILED });
  const [gate] = await em.execute(`select bool_or(inpatient_closed) as closed from agreements.fund_gate where year = ? and ? like region_prefix || '%'`, [yearOf(today), application.regionCode]);
  return designationFindings(
    application.kind,
    application.conditions,
    application.materials,
    {
      terminations: terminations.map((t) => ({ on: t.effectiveOn, trigger: t.trigger ?? '' })),
      failedEvaluations: earlier.map((a) => a.decidedOn!).filter(Boolean),
      falsifiedMaterialsOn: earlier.find((a) => a.falsifiedMaterials)?.decidedOn ?? null,
      inpatientGateClosed: Boolean(gate?.closed),
    },
    today,
  );
}

function record(em: EntityManager, application: DesignationApplication, action: DesignationAction, actor: string, on: string, note: string | null): void {
  em.create(DesignationStep, { applicationId: application.id, action, toStatus: application.status, actor, happenedOn: on, note });
}

/** G2–G5: an application is submitted; its findings (conditions, materials, history, fund gate) are computed for the review due in 5 wd. */
export async function submitDesignation(em: EntityManager, context: Context, submission: DesignationSubmission): Promise<string> {
  const problem = institutionIdentityProblem({ ...submission, code: submission.institutionCode });
  if (problem) throw new DomainError(problem.code, problem.message);
  assertActsFor(context, submission.institutionCode, submission.regionCode);
  await lockAggregates(em, 'institution', [submission.institutionCode]);
  const on = stepDate(submission.submittedOn, { today: context.clock.today(), what: 'the application\'s submission date', field: 'submittedOn' });
  if ((await em.count(DesignationApplication, { institutionCode: submission.institutionCode, status: { $in: [...OPEN_DESIGNATION_STATUSES] } })) > 0) {
    throw new DomainError('INVALID_STATE', `${submission.institutionCode} already has an application in progress`);
  }
  const current = await em.findOne(Agreement, { institutionCode: submission.institutionCode, regionCode: submission.regionCode, status: { $in: [AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED] }, validUntil: { $gte: on } });
  if (current) throw new DomainError('INVALID_STATE', `${submission.institutionCode} already holds an agreement until ${current.validUntil}`);
  const findings = await applicantFindings(em, submission, on);
  const application = em.create(DesignationApplication, {
    ...submission,
    owner: submission.owner ?? null,
    findings,
    status: DesignationStatus.SUBMITTED,
    dueBy: statusDeadline(DesignationStatus.SUBMITTED, on, context.calendar).dueBy,
    submittedOn: on,
  });
  record(em, application, DesignationAction.SUBMIT, context.caller.sub, on, findings.refusals.length || findings.missingMaterials.length ? [...findings.refusals, ...findings.missingMaterials.map((m) => `missing ${m}`)].join('; ') : null);
  await em.flush();
  return application.id;
}

export interface DesignationStepRequest {
  applicationId: string;
  action: DesignationAction;
  note?: string | null;
  onSiteEvaluated?: boolean | null;
  falsifiedMaterials?: boolean | null;
  materials?: string[] | null;
  /** The day the step was taken: today when absent; never in the future, never before the step before it. */
  on?: IsoDate | null;
}

/**
 * G5–G8: the next step of an application, on its deadline; the step is recorded as its notice,
 * on the day it was taken, and the next deadline counts from that day. Signing creates the
 * institution and a one-year agreement from that day and tells every read model; the agency then
 * confirms the IT hook-up.
 */
export async function takeDesignationStep(em: EntityManager, context: Context, request: DesignationStepRequest): Promise<string> {
  const application = await em.findOne(DesignationApplication, { id: request.applicationId });
  if (!application) throw notFound('designation application', request.applicationId);
  assertActsFor(context, application.institutionCode, application.regionCode);
  if (context.caller.role === 'INSTITUTION' && request.action !== DesignationAction.SUPPLEMENT) throw new DomainError('FORBIDDEN', 'the applicant only supplements materials; the agency takes the other steps');
  await lockAggregates(em, 'institution', [application.institutionCode]);
  await em.refresh(application);
  const previous = await em.findOne(DesignationStep, { applicationId: application.id }, { orderBy: { happenedOn: 'desc' } });
  const on = stepDate(request.on, { today: context.clock.today(), notBefore: previous?.happenedOn ?? application.submittedOn, what: `the ${request.action.toLowerCase().replace(/_/g, ' ')} step's date`, field: 'on' });
  if (request.onSiteEvaluated) application.onSiteEvaluated = true;
  if (request.action === DesignationAction.SUPPLEMENT) {
    application.materials = [...new Set([...application.materials, ...(request.materials ?? [])])];
  }
  const result = designationStep(
    { status: effectiveDesignationStatus(application.status, application.dueBy ?? null, on), kind: application.kind, findings: application.findings, dueBy: application.dueBy ?? null, onSiteEvaluated: application.onSiteEvaluated },
    request.action,
    on,
    context.calendar,
  );
  if (!result.ok) throw new DomainError(result.code, result.message);
  if (request.action === DesignationAction.SUPPLEMENT) application.findings = await applicantFindings(em, application, on);
  if (request.action === DesignationAction.PASS_EVALUATION || request.action === DesignationAction.FAIL_EVALUATION) {
    application.decidedOn = on;
    application.falsifiedMaterials = Boolean(request.falsifiedMaterials);
  }
  application.status = result.status;
  application.dueBy = result.dueBy;
  record(em, application, request.action, context.caller.sub, on, request.note ?? null);
  if (request.action === DesignationAction.SIGN) {
    const institution = await em.upsert(Institution, { code: application.institutionCode, name: application.name, kind: application.kind, regionCode: application.regionCode, owner: application.owner ?? null });
    const agreement = em.create(Agreement, { institutionCode: application.institutionCode, regionCode: application.regionCode, ...newAgreement({ validFrom: on, validUntil: addDays(addMonths(on, 12), -1) }) });
    await publishInstitution(em, institution, agreement);
  }
  await em.flush();
  return application.id;
}
