import { assertActsFor } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { IsoDate } from '@pq/time';
import { effectiveStatus } from '../domain/agreement-machine';
import { IMPORTANT_FIELDS, INFORMATION_REVIEW_WORKING_DAYS, informationChangeProblem } from '../domain/information-change';
import { AgreementStatus } from '../domain/institution';
import { publishInstitution } from '../events/publish';
import { latestAgreement } from '../repositories/agreements';
import { createInformationChange, findInformationChange } from '../repositories/information-changes';
import { findInstitution, lockInstitutions } from '../repositories/institutions';
import { Actor } from './actor';

export interface InformationChangeFiling {
  institutionCode: string;
  /** The important fields (IMPORTANT_FIELDS) that changed, with their new values. */
  changes: Record<string, string | number | null>;
  changedOn: IsoDate;
}

/** G10: the institution files an important change within 30 wd; the agency reviews it within 30 wd. */
export async function fileInformationChange(em: EntityManager, actor: Actor, filing: InformationChangeFiling): Promise<string> {
  const { institutionCode, changes, changedOn } = filing;
  const institution = await findInstitution(em, institutionCode);
  if (!institution) throw notFound('institution', institutionCode);
  assertActsFor(actor.caller, institution.code, institution.regionCode);
  const fields = Object.keys(changes);
  if (fields.length === 0 || fields.some((f) => !(IMPORTANT_FIELDS as readonly string[]).includes(f))) {
    throw new DomainError('BAD_USER_INPUT', `changes name one or more of ${IMPORTANT_FIELDS.join(', ')}`);
  }
  const agreement = await latestAgreement(em, institutionCode, institution.regionCode);
  const today = actor.clock.today();
  const problem = informationChangeProblem(changedOn, today, agreement ? effectiveStatus(agreement, today) : AgreementStatus.EXPIRED, actor.calendar);
  if (problem) throw new DomainError(problem.code, problem.message);
  const change = createInformationChange(em, {
    institutionCode,
    changes,
    changedOn,
    filedOn: today,
    reviewBy: actor.calendar.addWorkingDays(today, INFORMATION_REVIEW_WORKING_DAYS),
    status: 'FILED',
  });
  await em.flush();
  return change.id;
}

export interface InformationChangeReview {
  changeId: string;
  approve: boolean;
}

export async function reviewInformationChange(em: EntityManager, actor: Actor, review: InformationChangeReview): Promise<string> {
  const change = await findInformationChange(em, review.changeId);
  if (!change) throw notFound('information change', review.changeId);
  const institution = await findInstitution(em, change.institutionCode);
  if (!institution) throw notFound('institution', change.institutionCode);
  assertActsFor(actor.caller, institution.code, institution.regionCode);
  await lockInstitutions(em, [institution.code]);
  if (change.status !== 'FILED') throw new DomainError('INVALID_STATE', `the change was already ${change.status.toLowerCase()}`);
  change.status = review.approve ? 'APPROVED' : 'REFUSED';
  change.decidedOn = actor.clock.today();
  if (review.approve) {
    Object.assign(institution, change.changes);
    await publishInstitution(em, institution, await latestAgreement(em, institution.code, institution.regionCode));
  }
  await em.flush();
  return change.id;
}
