import { DomainError, EntityManager, lockAggregates, notFound } from '@pq/kit';
import { APPEAL_DECISION_WORKING_DAYS, AppealStatus, filingProblem, OPEN_APPEAL_STATUSES } from '../domain/appeal';
import { Appeal } from '../entities/appeal';
import { ScoreRecordView } from '../entities/score-record-view';
import type { Context } from '../resolvers/context';
import type { FileAppealInput } from '../resolvers/appeal.types';

/** A1: files an appeal against a score record; nothing is stored when a rule refuses it. Returns the appeal id. */
export async function fileAppeal(em: EntityManager, context: Context, input: FileAppealInput): Promise<string> {
  const record = await em.findOne(ScoreRecordView, { id: input.scoreRecordId });
  if (!record) throw notFound('score record', input.scoreRecordId);
  const { caller } = context;
  if (caller.role === 'PERSON' && caller.person !== record.personCode) throw new DomainError('FORBIDDEN', 'a person may appeal only their own scores');
  if (caller.role === 'INSTITUTION' && caller.institution !== record.institutionCode) throw new DomainError('FORBIDDEN', 'an institution may appeal only scores given for behaviour at it');

  await lockAggregates(em, 'score-record', [record.id]);
  const today = context.clock.today();
  const receivedOn = input.receivedOn ?? today;
  const open = await em.count(Appeal, { scoreRecordId: record.id, status: { $in: [...OPEN_APPEAL_STATUSES] } });
  const problem = filingProblem({ ...input, receivedOn }, { today, appealBy: null, hasOpenAppeal: open > 0 });
  if (problem) throw new DomainError(problem.code, problem.message);

  const appeal = em.create(Appeal, {
    scoreRecordId: record.id,
    personCode: record.personCode,
    institutionCode: record.institutionCode,
    status: AppealStatus.FILED,
    filedOn: receivedOn,
    decideBy: context.calendar.addWorkingDays(receivedOn, APPEAL_DECISION_WORKING_DAYS),
    statement: input.statement,
    filedBy: caller.sub,
  });
  await em.flush();
  return appeal.id;
}
