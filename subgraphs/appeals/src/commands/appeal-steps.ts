import { EntityManager } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { IsoDate, stepDate } from '@pq/time';
import { AppealStatus, AppealSubject } from '../domain/appeal';
import { AppealAction, transition } from '../domain/appeal-machine';
import { decideAppealStep } from '../domain/appeal-step';
import { publishAppealDecided } from '../events/publish';
import { addStep, findAppeal, lockAppeal, stepsOf } from '../repositories/appeals';
import { findScoreRecord } from '../repositories/score-records';
import { Actor, assertMayActOn } from './actor';

export interface AppealStepCommand {
  appealId: string;
  action: AppealAction;
  note?: string | null;
  /** Decisions: the reasons (required to uphold) and, to change a score, its new points. */
  reason?: string | null;
  newPoints?: number | null;
  /** The real date of the step; default today, never in the future nor before the previous step. */
  on?: IsoDate | null;
}

/**
 * One step of an appeal's life cycle (A2–A4), recorded with actor, its real date and note. A
 * decision or withdrawal is published in the same transaction: a changed score reaches scoring. Returns the appeal id.
 */
export async function takeAppealStep(em: EntityManager, actor: Actor, command: AppealStepCommand): Promise<string> {
  const appeal = await findAppeal(em, command.appealId);
  if (!appeal) throw notFound('appeal', command.appealId);
  assertMayActOn(actor, appeal);
  await lockAppeal(em, appeal);
  const moved = transition(
    { status: appeal.status, statusBeforeExpertReview: appeal.statusBeforeExpertReview ?? null, escalated: appeal.escalated },
    command.action,
    actor.caller.role,
  );
  if (!moved.ok) throw new DomainError(moved.code, moved.message);
  const steps = (await stepsOf(em, [appeal.id])).get(appeal.id)!;
  const previous = steps.reduce((latest, s) => (s.happenedOn > latest ? s.happenedOn : latest), appeal.filedOn);
  const deciding = command.action === AppealAction.UPHOLD || command.action === AppealAction.CHANGE;
  const on = stepDate(command.on, {
    today: actor.clock.today(),
    notBefore: previous,
    what: `the ${command.action.toLowerCase().replace(/_/g, ' ')} date`,
    field: deciding ? 'decidedOn' : 'happenedOn',
  });
  const changesScore = command.action === AppealAction.CHANGE && appeal.subject === AppealSubject.SCORE;
  const { UPHELD, CHANGED, WITHDRAWN } = AppealStatus;
  const ends = moved.to === UPHELD || moved.to === CHANGED || moved.to === WITHDRAWN ? moved.to : null;
  // The score appealed against: its points to change it, its document for the decision's event.
  const record = appeal.subject === AppealSubject.SCORE && ends ? await findScoreRecord(em, appeal.scoreRecordId!) : null;
  if (changesScore && !record) throw notFound('score record', appeal.scoreRecordId!);
  const decision = decideAppealStep(
    { subject: appeal.subject, status: appeal.status, filedOn: appeal.filedOn, steps, points: changesScore ? record!.points : null },
    { action: command.action, on, reason: command.reason, newPoints: command.newPoints },
    actor.calendar,
  );
  if (!decision.ok) throw new DomainError(decision.code, decision.message);

  const from = appeal.status;
  Object.assign(appeal, decision.changes, { status: moved.to });
  if (record && decision.changedPoints !== null) record.points = decision.changedPoints;
  if (ends) await publishAppealDecided(em, appeal, record, { outcome: ends, newPoints: decision.changedPoints, decidedOn: on });
  await addStep(em, appeal, {
    action: command.action,
    fromStatus: from,
    toStatus: moved.to,
    actor: actor.caller.sub,
    actorRole: actor.caller.role,
    happenedOn: on,
    note: command.note ?? command.reason ?? null,
  });
  return appeal.id;
}
