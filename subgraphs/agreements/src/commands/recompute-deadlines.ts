import type { EntityManager } from '@pq/data';
import type { WorkingDays } from '@pq/time';
import { statusDeadline } from '../domain/designation';
import { INFORMATION_REVIEW_WORKING_DAYS } from '../domain/information-change';
import { applicationsWithDeadlines, stepsOf } from '../repositories/designations';
import { filedInformationChanges } from '../repositories/information-changes';

/**
 * The open deadlines agreements stores, derived anew from their start dates once the calendar
 * changed (an official year replacing a provisional one): open designation applications (each
 * from the day it entered its status) and information changes awaiting review (G5–G8, G10).
 */
export async function recomputeAgreementDeadlines(em: EntityManager, calendar: WorkingDays): Promise<number> {
  const applications = await applicationsWithDeadlines(em);
  const steps = await stepsOf(
    em,
    applications.map((a) => a.id),
  );
  const enteredOn = new Map(steps.map((step) => [step.applicationId, step.happenedOn]));
  let changed = 0;
  for (const application of applications) {
    const dueBy = statusDeadline(application.status, enteredOn.get(application.id) ?? application.submittedOn, calendar).dueBy;
    if (dueBy !== application.dueBy) {
      application.dueBy = dueBy;
      changed++;
    }
  }
  for (const change of await filedInformationChanges(em)) {
    const reviewBy = calendar.addWorkingDays(change.filedOn, INFORMATION_REVIEW_WORKING_DAYS);
    if (reviewBy !== change.reviewBy) {
      change.reviewBy = reviewBy;
      changed++;
    }
  }
  await em.flush();
  return changed;
}
