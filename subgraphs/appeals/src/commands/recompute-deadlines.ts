import type { EntityManager, WorkingDays } from '@pq/kit';
import { appealDecisionDeadline, completedExpertReviews, OPEN_APPEAL_STATUSES } from '../domain/appeal';
import { Appeal } from '../entities/appeal';
import { AppealStep } from '../entities/appeal-step';

/**
 * The open appeals' decision deadlines derived anew from receipt and expert reviews, once the
 * calendar changed (an official year replacing a provisional one). The work queue sorts on them.
 */
export async function recomputeDecisionDeadlines(em: EntityManager, calendar: WorkingDays): Promise<number> {
  const open = await em.find(Appeal, { status: { $in: [...OPEN_APPEAL_STATUSES] } });
  if (open.length === 0) return 0;
  const steps = await em.find(AppealStep, { appealId: { $in: open.map((a) => a.id) } }, { orderBy: { recordedAt: 'asc' } });
  const stepsOf = new Map<string, AppealStep[]>();
  for (const step of steps) stepsOf.set(step.appealId, [...(stepsOf.get(step.appealId) ?? []), step]);
  let changed = 0;
  for (const appeal of open) {
    const decideBy = appealDecisionDeadline(appeal.filedOn, completedExpertReviews(stepsOf.get(appeal.id) ?? []), calendar).date;
    if (decideBy !== appeal.decideBy) {
      appeal.decideBy = decideBy;
      changed++;
    }
  }
  await em.flush();
  return changed;
}
