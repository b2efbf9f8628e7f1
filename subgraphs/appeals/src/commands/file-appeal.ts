import { assertActsFor, DomainError, EntityManager, lockAggregates, notFound } from '@pq/kit';
import { appealDecisionDeadline, AppealStatus, AppealSubject, filingProblem, OPEN_APPEAL_STATUSES } from '../domain/appeal';
import { Appeal } from '../entities/appeal';
import { AppealStep } from '../entities/appeal-step';
import { InstitutionView, ScoreRecordView } from '../entities/score-record-view';
import type { Context } from '../resolvers/context';
import type { FileAgreementDisputeInput, FileAppealInput } from '../resolvers/appeal.types';

interface Filing {
  subject: AppealSubject;
  /** What the appeal is against; one open appeal each. */
  target: { scoreRecordId: string } | { decisionDocument: string };
  personCode: string | null;
  institutionCode: string;
  regionCode: string;
  appealBy: string | null;
}

async function file(em: EntityManager, context: Context, filing: Filing, input: { receivedOn?: string; statement: string; signedByPerson: boolean; stampedByInstitution: boolean }): Promise<string> {
  const targetKey = 'scoreRecordId' in filing.target ? filing.target.scoreRecordId : `${filing.institutionCode}:${filing.target.decisionDocument}`;
  await lockAggregates(em, 'appeal-target', [targetKey]);
  const today = context.clock.today();
  const receivedOn = input.receivedOn ?? today;
  const open = await em.count(Appeal, { ...filing.target, institutionCode: filing.institutionCode, status: { $in: [...OPEN_APPEAL_STATUSES] } });
  const problem = filingProblem({ ...input, receivedOn }, { today, appealBy: filing.appealBy, hasOpenAppeal: open > 0 });
  if (problem) throw new DomainError(problem.code, problem.message);
  const appeal = em.create(Appeal, {
    subject: filing.subject,
    scoreRecordId: 'scoreRecordId' in filing.target ? filing.target.scoreRecordId : null,
    decisionDocument: 'decisionDocument' in filing.target ? filing.target.decisionDocument : null,
    personCode: filing.personCode,
    institutionCode: filing.institutionCode,
    regionCode: filing.regionCode,
    status: AppealStatus.FILED,
    filedOn: receivedOn,
    decideBy: appealDecisionDeadline(receivedOn, [], context.calendar).date,
    statement: input.statement,
    filedBy: context.caller.sub,
  });
  em.create(AppealStep, { appealId: appeal.id, action: 'FILE', fromStatus: null, toStatus: AppealStatus.FILED, actor: context.caller.sub, actorRole: context.caller.role, happenedOn: receivedOn, note: null });
  await em.flush();
  return appeal.id;
}

/** A1: the person or institution appeals a score within 10 wd of the notice's delivery. Returns the appeal id. */
export async function fileAppeal(em: EntityManager, context: Context, input: FileAppealInput): Promise<string> {
  const record = await em.findOne(ScoreRecordView, { id: input.scoreRecordId });
  if (!record) throw notFound('score record', input.scoreRecordId);
  const { caller } = context;
  if (caller.role === 'PERSON' && caller.person !== record.personCode) throw new DomainError('FORBIDDEN', 'a person may appeal only their own scores');
  if (caller.role === 'INSTITUTION' && caller.institution !== record.institutionCode) throw new DomainError('FORBIDDEN', 'an institution may appeal only scores given for behaviour at it');
  const regionCode = record.regionCode ?? record.institutionCode.slice(1, 7);
  return file(em, context, { subject: AppealSubject.SCORE, target: { scoreRecordId: record.id }, personCode: record.personCode, institutionCode: record.institutionCode, regionCode, appealBy: record.appealBy ?? null }, input);
}

/** A5: an institution disputes an agreement decision of the agency: the same life cycle, no scoring effect. */
export async function fileAgreementDispute(em: EntityManager, context: Context, input: FileAgreementDisputeInput): Promise<string> {
  const institution = await em.findOne(InstitutionView, { code: input.institutionCode });
  if (!institution) throw notFound('institution', input.institutionCode);
  assertActsFor(context, institution.code, institution.regionCode);
  if (!input.decisionDocument.trim()) throw new DomainError('BAD_USER_INPUT', 'name the agreement decision disputed');
  return file(
    em,
    context,
    { subject: AppealSubject.AGREEMENT, target: { decisionDocument: input.decisionDocument }, personCode: null, institutionCode: institution.code, regionCode: institution.regionCode, appealBy: null },
    { ...input, signedByPerson: true },
  );
}
