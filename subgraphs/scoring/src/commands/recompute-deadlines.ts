import { groupByKeys } from '@pq/batching';
import type { EntityManager } from '@pq/data';
import type { IsoDate, WorkingDays } from '@pq/time';
import { appealDeadline, appealWindowsRecountedFrom, noticeDeadlines } from '../domain/notice';
import { RESTORATION_DECISION_WORKING_DAYS } from '../domain/restoration';
import { outbox } from '../events/publish';
import { noticesWithOpenDeadlines } from '../repositories/notices';
import { restorationsAwaitingDecision } from '../repositories/restorations';
import { findRuleSets } from '../repositories/rule-sets';
import { findRecordsOfNotices } from '../repositories/score-records';

/**
 * The open deadlines scoring stores, derived anew from their start dates once the calendar
 * changed (an official year replacing a provisional one): notices not yet delivered, appeal
 * windows still open or recently delivered — a window the provisional year closed too early
 * reopens (appeals hears of a moved one as a repeated NoticeDelivered) — and restoration
 * applications awaiting a decision.
 */
export async function recomputeScoringDeadlines(em: EntityManager, calendar: WorkingDays, today: IsoDate): Promise<number> {
  const notices = await noticesWithOpenDeadlines(em, today, appealWindowsRecountedFrom(today));
  const noticeIds = notices.map((n) => n.id);
  const records = await findRecordsOfNotices(em, noticeIds);
  // Grouped in one pass: a province has tens of thousands of open notices at every start.
  const recordsOfNotice = groupByKeys(noticeIds, records, (r) => r.noticeId);
  const ruleSets = new Map((await findRuleSets(em, [...new Set(records.map((r) => r.ruleSetId))])).map((r) => [r.id, r.parameters]));
  let changed = 0;
  for (const [i, notice] of notices.entries()) {
    const mine = recordsOfNotice[i];
    const rules = mine.length ? ruleSets.get(mine[0].ruleSetId) : undefined;
    if (!rules) continue;
    const { issueBy, deliverBy } = noticeDeadlines(rules, mine[0].decidedOn, calendar);
    const appealBy = notice.deliveredOn ? appealDeadline(rules, notice.deliveredOn, calendar) : null;
    if (issueBy === notice.issueBy && deliverBy === notice.deliverBy && appealBy === (notice.appealBy ?? null)) continue;
    Object.assign(notice, { issueBy, deliverBy, appealBy });
    if (appealBy)
      await outbox.publish(em, 'NoticeDelivered', notice.personCode, {
        personCode: notice.personCode,
        scoreRecordIds: mine.map((r) => r.id),
        deliveredOn: notice.deliveredOn!,
        appealBy,
      });
    changed++;
  }
  for (const application of await restorationsAwaitingDecision(em)) {
    const decideBy = calendar.addWorkingDays(application.appliedOn, RESTORATION_DECISION_WORKING_DAYS);
    if (decideBy !== application.decideBy) {
      application.decideBy = decideBy;
      changed++;
    }
  }
  await em.flush();
  return changed;
}
