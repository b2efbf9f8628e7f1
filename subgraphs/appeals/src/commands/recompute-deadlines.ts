import type { EntityManager } from '@pq/data';
import type { WorkingDays } from '@pq/time';
import { appealDecisionDeadline, completedExpertReviews } from '../domain/appeal';
import { openAppeals, saveAppeals, stepsOf } from '../repositories/appeals';

/**
 * The open appeals' decision deadlines derived anew from receipt and expert reviews, once the
 * calendar changed (an official year replacing a provisional one). The work queue sorts on them.
 */
export async function recomputeDecisionDeadlines(em: EntityManager, calendar: WorkingDays): Promise<number> {
  const open = await openAppeals(em);
  if (open.length === 0) return 0;
  const steps = await stepsOf(
    em,
    open.map((a) => a.id),
  );
  let changed = 0;
  for (const appeal of open) {
    const decideBy = appealDecisionDeadline(appeal.filedOn, completedExpertReviews(steps.get(appeal.id)!), calendar).date;
    if (decideBy !== appeal.decideBy) {
      appeal.decideBy = decideBy;
      changed++;
    }
  }
  await saveAppeals(em);
  return changed;
}
