import { assertActsFor } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { addDays, addMonths, IsoDate, stepDate, yearOf } from '@pq/time';
import {
  DesignationAction,
  DesignationConditions,
  designationFindings,
  DesignationStatus,
  designationStep,
  effectiveDesignationStatus,
  statusDeadline,
} from '../domain/designation';
import { institutionIdentityProblem, InstitutionKind } from '../domain/institution';
import type { DesignationApplication } from '../entities/designation-application';
import { publishInstitution } from '../events/publish';
import { agreementRunningOn, createAgreement, terminationsOf } from '../repositories/agreements';
import {
  createApplication,
  failedApplications,
  findApplication,
  hasOpenApplication,
  latestStep,
  recordStep,
  reloadApplication,
} from '../repositories/designations';
import { inpatientGateClosed } from '../repositories/fund-gates';
import { lockInstitutions, upsertInstitution } from '../repositories/institutions';
import { Actor } from './actor';

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

async function applicantFindings(
  em: EntityManager,
  application: Pick<DesignationApplication, 'institutionCode' | 'kind' | 'regionCode' | 'conditions' | 'materials'>,
  today: string,
) {
  const terminations = await terminationsOf(em, application.institutionCode);
  const earlier = await failedApplications(em, application.institutionCode);
  return designationFindings(
    application.kind,
    application.conditions,
    application.materials,
    {
      terminations: terminations.map((t) => ({ on: t.effectiveOn, trigger: t.trigger ?? '' })),
      failedEvaluations: earlier.map((a) => a.decidedOn!).filter(Boolean),
      falsifiedMaterialsOn: earlier.find((a) => a.falsifiedMaterials)?.decidedOn ?? null,
      inpatientGateClosed: await inpatientGateClosed(em, application.regionCode, yearOf(today)),
    },
    today,
  );
}

/** G2–G5: an application is submitted; its findings (conditions, materials, history, fund gate) are computed for the review due in 5 wd. */
export async function submitDesignation(em: EntityManager, actor: Actor, submission: DesignationSubmission): Promise<string> {
  const problem = institutionIdentityProblem({ ...submission, code: submission.institutionCode });
  if (problem) throw new DomainError(problem.code, problem.message);
  assertActsFor(actor.caller, submission.institutionCode, submission.regionCode);
  await lockInstitutions(em, [submission.institutionCode]);
  const on = stepDate(submission.submittedOn, { today: actor.clock.today(), what: "the application's submission date", field: 'submittedOn' });
  if (await hasOpenApplication(em, submission.institutionCode)) {
    throw new DomainError('INVALID_STATE', `${submission.institutionCode} already has an application in progress`);
  }
  const current = await agreementRunningOn(em, submission.institutionCode, submission.regionCode, on);
  if (current) throw new DomainError('INVALID_STATE', `${submission.institutionCode} already holds an agreement until ${current.validUntil}`);
  const findings = await applicantFindings(em, submission, on);
  const application = createApplication(em, {
    institutionCode: submission.institutionCode,
    name: submission.name,
    kind: submission.kind,
    regionCode: submission.regionCode,
    owner: submission.owner ?? null,
    conditions: submission.conditions,
    materials: submission.materials,
    findings,
    status: DesignationStatus.SUBMITTED,
    dueBy: statusDeadline(DesignationStatus.SUBMITTED, on, actor.calendar).dueBy,
    submittedOn: on,
  });
  recordStep(
    em,
    application,
    DesignationAction.SUBMIT,
    actor.caller.sub,
    on,
    findings.refusals.length || findings.missingMaterials.length
      ? [...findings.refusals, ...findings.missingMaterials.map((m) => `missing ${m}`)].join('; ')
      : null,
  );
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
export async function takeDesignationStep(em: EntityManager, actor: Actor, request: DesignationStepRequest): Promise<string> {
  const application = await findApplication(em, request.applicationId);
  if (!application) throw notFound('designation application', request.applicationId);
  assertActsFor(actor.caller, application.institutionCode, application.regionCode);
  if (actor.caller.role === 'INSTITUTION' && request.action !== DesignationAction.SUPPLEMENT)
    throw new DomainError('FORBIDDEN', 'the applicant only supplements materials; the agency takes the other steps');
  await lockInstitutions(em, [application.institutionCode]);
  await reloadApplication(em, application);
  const previous = await latestStep(em, application.id);
  const on = stepDate(request.on, {
    today: actor.clock.today(),
    notBefore: previous?.happenedOn ?? application.submittedOn,
    what: `the ${request.action.toLowerCase().replace(/_/g, ' ')} step's date`,
    field: 'on',
  });
  if (request.onSiteEvaluated) application.onSiteEvaluated = true;
  if (request.action === DesignationAction.SUPPLEMENT) {
    application.materials = [...new Set([...application.materials, ...(request.materials ?? [])])];
  }
  const result = designationStep(
    {
      status: effectiveDesignationStatus(application.status, application.dueBy ?? null, on),
      kind: application.kind,
      findings: application.findings,
      dueBy: application.dueBy ?? null,
      onSiteEvaluated: application.onSiteEvaluated,
    },
    request.action,
    on,
    actor.calendar,
  );
  if (!result.ok) throw new DomainError(result.code, result.message);
  if (request.action === DesignationAction.SUPPLEMENT) application.findings = await applicantFindings(em, application, on);
  if (request.action === DesignationAction.PASS_EVALUATION || request.action === DesignationAction.FAIL_EVALUATION) {
    application.decidedOn = on;
    application.falsifiedMaterials = Boolean(request.falsifiedMaterials);
  }
  application.status = result.status;
  application.dueBy = result.dueBy;
  recordStep(em, application, request.action, actor.caller.sub, on, request.note ?? null);
  if (request.action === DesignationAction.SIGN) {
    const institution = await upsertInstitution(em, {
      code: application.institutionCode,
      name: application.name,
      kind: application.kind,
      regionCode: application.regionCode,
      owner: application.owner ?? null,
    });
    const agreement = createAgreement(em, application.institutionCode, application.regionCode, { validFrom: on, validUntil: addDays(addMonths(on, 12), -1) });
    await publishInstitution(em, institution, agreement);
  }
  await em.flush();
  return application.id;
}
