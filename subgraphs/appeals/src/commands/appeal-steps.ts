import { DomainError, EntityManager, IsoDate, lockAggregates, notFound, stepDate } from '@pq/kit';
import { appealDecisionDeadline, AppealSubject, completedExpertReviews } from '../domain/appeal';
import { AppealAction, transition } from '../domain/appeal-machine';
import { Appeal } from '../entities/appeal';
import { AppealStep } from '../entities/appeal-step';
import { ScoreRecordView } from '../entities/score-record-view';
import { outbox } from '../events/outbox';
import type { Context } from '../resolvers/context';

export interface StepRequest {
  appealId: string;
  action: AppealAction;
  note?: string | null;
  /** Decisions: the reasons (required to uphold) and, to change a score, its new points. */
  reason?: string | null;
  newPoints?: number | null;
  /** The real date of the step; default today, never in the future nor before the previous step. */
  on?: IsoDate | null;
}

/** Who may touch an appeal at all: agencies and the administration within their region, the appellant their own. */
function assertMayHandle(context: Context, appeal: Appeal): void {
  const { caller } = context;
  if (caller.role === 'PERSON' && caller.person !== appeal.personCode) throw new DomainError('FORBIDDEN', 'a person may act only on their own appeals');
  if (caller.role === 'INSTITUTION' && caller.institution !== appeal.institutionCode) throw new DomainError('FORBIDDEN', 'an institution may act only on its own appeals');
  if (!appeal.regionCode.startsWith(caller.region)) throw new DomainError('FORBIDDEN', `the appeal is outside the caller's region ${caller.region}`);
}

/**
 * One step of an appeal's life cycle (A2–A4), recorded with actor, its real date and note. When
 * an expert review completes, the decision deadline is derived anew from the receipt and every
 * completed review. A changed score reaches scoring as an event, in the same transaction.
 */
export async function takeAppealStep(em: EntityManager, context: Context, request: StepRequest): Promise<string> {
  const appeal = await em.findOne(Appeal, { id: request.appealId });
  if (!appeal) throw notFound('appeal', request.appealId);
  assertMayHandle(context, appeal);
  await lockAggregates(em, 'appeal', [appeal.id]);
  await em.refresh(appeal);
  const result = transition({ status: appeal.status, statusBeforeExpertReview: appeal.statusBeforeExpertReview ?? null, escalated: appeal.escalated }, request.action, context.caller.role);
  if (!result.ok) throw new DomainError(result.code, result.message);
  const steps = await em.find(AppealStep, { appealId: appeal.id }, { orderBy: { recordedAt: 'asc' } });
  const previous = steps.reduce((latest, s) => (s.happenedOn > latest ? s.happenedOn : latest), appeal.filedOn);
  const deciding = request.action === AppealAction.UPHOLD || request.action === AppealAction.CHANGE;
  const date = stepDate(request.on, { today: context.clock.today(), notBefore: previous, what: `the ${request.action.toLowerCase().replace(/_/g, ' ')} date`, field: deciding ? 'decidedOn' : 'happenedOn' });
  const from = appeal.status;

  switch (request.action) {
    case AppealAction.ESCALATE:
      appeal.escalated = true;
      break;
    case AppealAction.START_EXPERT_REVIEW:
      appeal.statusBeforeExpertReview = appeal.status;
      appeal.expertReviewStartedOn = date;
      break;
    case AppealAction.COMPLETE_EXPERT_REVIEW:
      appeal.decideBy = appealDecisionDeadline(appeal.filedOn, completedExpertReviews([...steps, { action: request.action, happenedOn: date }]), context.calendar).date;
      appeal.statusBeforeExpertReview = null;
      appeal.expertReviewStartedOn = null;
      break;
    case AppealAction.UPHOLD:
      if (!request.reason?.trim()) throw new DomainError('BAD_USER_INPUT', 'an upheld decision gives its reasons (A4)');
      Object.assign(appeal, { decidedOn: date, decisionReason: request.reason });
      break;
    case AppealAction.CHANGE:
      await changeDecision(em, appeal, request, date);
      break;
    default:
      break;
  }
  appeal.status = result.to;
  em.create(AppealStep, { appealId: appeal.id, action: request.action, fromStatus: from, toStatus: result.to, actor: context.caller.sub, actorRole: context.caller.role, happenedOn: date, note: request.note ?? request.reason ?? null });
  await em.flush();
  return appeal.id;
}

async function changeDecision(em: EntityManager, appeal: Appeal, request: StepRequest, date: IsoDate): Promise<void> {
  Object.assign(appeal, { decidedOn: date, decisionReason: request.reason ?? null });
  if (appeal.subject === AppealSubject.AGREEMENT) {
    if (request.newPoints != null) throw new DomainError('BAD_USER_INPUT', 'an agreement dispute changes no score (A5)');
    return;
  }
  const record = await em.findOneOrFail(ScoreRecordView, { id: appeal.scoreRecordId! });
  const newPoints = request.newPoints;
  if (newPoints == null || !Number.isInteger(newPoints) || newPoints < 0 || newPoints >= record.points) {
    throw new DomainError('BAD_USER_INPUT', `a changed score gives its new points, from 0 (removed) to ${record.points - 1}`);
  }
  appeal.newPoints = newPoints;
  record.points = newPoints;
  await outbox.publish(em, 'AppealDecided', record.personCode, { appealId: appeal.id, scoreRecordId: record.id, outcome: 'CHANGED', newPoints, decidedOn: date });
}
