import { EntityManager } from '@pq/data';
import { Outbox } from '@pq/events';
import { IsoDate } from '@pq/time';
import type { ScoreRecordView } from '../entities/score-record-view';
import { AppealsEvents, subscribers } from './payloads';

/** What appeals publishes, written in the transaction of the change that causes it. */
export const outbox = new Outbox<AppealsEvents>('appeals', subscribers);

/** A4: an appeal changed a score; scoring adjusts it and re-evaluates the sanction. */
export function publishAppealDecided(
  em: EntityManager,
  record: ScoreRecordView,
  decision: { appealId: string; newPoints: number; decidedOn: IsoDate },
): Promise<string> {
  return outbox.publish(em, 'AppealDecided', record.personCode, {
    appealId: decision.appealId,
    scoreRecordId: record.id,
    outcome: 'CHANGED',
    newPoints: decision.newPoints,
    decidedOn: decision.decidedOn,
  });
}
