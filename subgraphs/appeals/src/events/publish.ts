import { EntityManager, IsoDate, Outbox } from '@pq/kit';
import type { ScoreRecordView } from '../entities/score-record-view';

/** What appeals publishes, written in the transaction of the change that causes it. */
export const outbox = new Outbox('appeals');

/** A4: an appeal changed a score; scoring adjusts it and re-evaluates the sanction. */
export function publishAppealDecided(em: EntityManager, record: ScoreRecordView, decision: { appealId: string; newPoints: number; decidedOn: IsoDate }): Promise<void> {
  return outbox.publish(em, 'AppealDecided', record.personCode, { appealId: decision.appealId, scoreRecordId: record.id, outcome: 'CHANGED', newPoints: decision.newPoints, decidedOn: decision.decidedOn });
}
