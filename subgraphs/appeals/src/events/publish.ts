import { EntityManager } from '@pq/data';
import { Outbox } from '@pq/events';
import { IsoDate } from '@pq/time';
import { AppealStatus } from '../domain/appeal';
import type { Appeal } from '../entities/appeal';
import type { ScoreRecordView } from '../entities/score-record-view';
import { AppealsEvents, subscribers } from './payloads';

/** What appeals publishes, written in the transaction of the change that causes it. */
export const outbox = new Outbox<AppealsEvents>('appeals', subscribers);

/** A4: an appeal's end; a changed score makes scoring adjust it and re-evaluate the sanction. Keyed by the person (else the institution). */
export function publishAppealDecided(
  em: EntityManager,
  appeal: Appeal,
  record: ScoreRecordView | null,
  decision: { outcome: AppealStatus.UPHELD | AppealStatus.CHANGED | AppealStatus.WITHDRAWN; newPoints: number | null; decidedOn: IsoDate },
): Promise<string> {
  return outbox.publish(em, 'AppealDecided', appeal.personCode ?? appeal.institutionCode, {
    appealId: appeal.id,
    scoreRecordId: appeal.scoreRecordId ?? null,
    outcome: decision.outcome,
    newPoints: decision.newPoints,
    decidedOn: decision.decidedOn,
    personCode: appeal.personCode ?? null,
    institutionCode: appeal.institutionCode,
    decisionDocument: appeal.decisionDocument ?? record?.documentNumber ?? null,
  });
}
