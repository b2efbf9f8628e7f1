import { EntityManager } from '@pq/data';
import type { ScoringReads } from '../events/consumed';
import { lockAggregates } from '@pq/data';
import { IsoDate } from '@pq/time';
import { findScoreRecord } from '../repositories/score-records';
import { rederiveYear } from './derive-year';

/**
 * A4 (002 art.44): a score changed on appeal. The record takes its new points (0: removed) and
 * the person's year is derived again from all of its records: the total, and every sanction that
 * follows from it — one that no longer follows is annulled, a shorter one shortened, one that
 * now follows (a replaced suspension holding again, a termination become a suspension) decided.
 */
export async function applyAppealDecision(em: EntityManager, decision: ScoringReads['AppealDecided'], today: IsoDate): Promise<void> {
  if ((decision.outcome ?? 'CHANGED') !== 'CHANGED' || decision.scoreRecordId === null || decision.newPoints === null) return;
  const found = await findScoreRecord(em, decision.scoreRecordId);
  if (!found) return;
  await lockAggregates(em, 'person', [found.personCode]);
  const record = (await findScoreRecord(em, found.id, true))!;
  if (decision.newPoints === record.points) return;
  const lowersPoints = decision.newPoints < record.points;
  record.originalPoints ??= record.points;
  record.points = decision.newPoints;
  record.adjustedBy = `appeal ${decision.appealId}`;
  await em.flush();
  await rederiveYear(em, [record.personCode], record.year, {
    on: today,
    effectiveOn: decision.decidedOn,
    cause: 'decision changed on appeal (申诉变更)',
    basisDocument: `appeal ${decision.appealId}`,
    lowersPoints,
  });
}
