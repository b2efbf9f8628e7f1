import { assertActsFor, DomainError, EntityManager, IsoDate, lockAggregates, notFound } from '@pq/kit';
import { effectiveStatus } from '../domain/agreement-machine';
import { IMPORTANT_FIELDS, INFORMATION_REVIEW_WORKING_DAYS, informationChangeProblem } from '../domain/information-change';
import { AgreementStatus } from '../domain/institution';
import { Agreement } from '../entities/agreement';
import { InformationChange } from '../entities/information-change';
import { Institution } from '../entities/institution';
import { publishInstitution } from '../events/publish';
import type { Context } from '../resolvers/context';

/** G10: the institution files an important change within 30 wd; the agency reviews it within 30 wd. */
export async function fileInformationChange(em: EntityManager, context: Context, institutionCode: string, changes: Record<string, string | number | null>, changedOn: IsoDate): Promise<string> {
  const institution = await em.findOne(Institution, { code: institutionCode });
  if (!institution) throw notFound('institution', institutionCode);
  assertActsFor(context, institution.code, institution.regionCode);
  const fields = Object.keys(changes);
  if (fields.length === 0 || fields.some((f) => !(IMPORTANT_FIELDS as readonly string[]).includes(f))) {
    throw new DomainError('BAD_USER_INPUT', `changes name one or more of ${IMPORTANT_FIELDS.join(', ')}`);
  }
  const agreement = await em.findOne(Agreement, { institutionCode, regionCode: institution.regionCode }, { orderBy: { validFrom: 'desc' } });
  const today = context.clock.today();
  const problem = informationChangeProblem(changedOn, today, agreement ? effectiveStatus(agreement, today) : AgreementStatus.EXPIRED, context.calendar);
  if (problem) throw new DomainError(problem.code, problem.message);
  const change = em.create(InformationChange, { institutionCode, changes, changedOn, filedOn: today, reviewBy: context.calendar.addWorkingDays(today, INFORMATION_REVIEW_WORKING_DAYS), status: 'FILED' });
  await em.flush();
  return change.id;
}

export async function reviewInformationChange(em: EntityManager, context: Context, changeId: string, approve: boolean): Promise<string> {
  const change = await em.findOne(InformationChange, { id: changeId });
  if (!change) throw notFound('information change', changeId);
  const institution = await em.findOneOrFail(Institution, { code: change.institutionCode });
  assertActsFor(context, institution.code, institution.regionCode);
  await lockAggregates(em, 'institution', [institution.code]);
  if (change.status !== 'FILED') throw new DomainError('INVALID_STATE', `the change was already ${change.status.toLowerCase()}`);
  change.status = approve ? 'APPROVED' : 'REFUSED';
  change.decidedOn = context.clock.today();
  if (approve) {
    Object.assign(institution, change.changes);
    const agreement = await em.findOne(Agreement, { institutionCode: institution.code, regionCode: institution.regionCode }, { orderBy: { validFrom: 'desc' } });
    await publishInstitution(em, institution, agreement);
  }
  await em.flush();
  return change.id;
}
