import { EntityManager } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { IsoDate } from '@pq/time';
import { appealDecisionDeadline, AppealStatus, AppealSubject, filingProblem } from '../domain/appeal';
import { addAppeal, AppealTarget, hasOpenAppeal, lockAppealTarget } from '../repositories/appeals';
import { findInstitution } from '../repositories/institutions';
import { findScoreRecord } from '../repositories/score-records';
import { Actor, assertMayActOn } from './actor';

/** A1: a written appeal against a score record (002 form 5). */
export interface FileAppealCommand {
  scoreRecordId: string;
  /** Date the agency received it; default today. */
  receivedOn?: IsoDate | null;
  statement: string;
  signedByPerson: boolean;
  stampedByInstitution: boolean;
}

/** A5: an institution's dispute of an agreement decision of the agency (003 art.35). */
export interface FileAgreementDisputeCommand {
  institutionCode: string;
  decisionDocument: string;
  receivedOn?: IsoDate | null;
  statement: string;
  stampedByInstitution: boolean;
}

interface Filing {
  subject: AppealSubject;
  /** What the appeal is against; one open appeal each. */
  target: AppealTarget;
  personCode: string | null;
  institutionCode: string;
  regionCode: string;
  appealBy: string | null;
}

async function file(em: EntityManager, actor: Actor, filing: Filing, request: Omit<FileAppealCommand, 'scoreRecordId'>): Promise<string> {
  await lockAppealTarget(em, filing.institutionCode, filing.target);
  const today = actor.clock.today();
  const receivedOn = request.receivedOn ?? today;
  const open = await hasOpenAppeal(em, filing.institutionCode, filing.target);
  const problem = filingProblem({ ...request, receivedOn }, { today, appealBy: filing.appealBy, hasOpenAppeal: open });
  if (problem) throw new DomainError(problem.code, problem.message);
  const appeal = await addAppeal(
    em,
    {
      subject: filing.subject,
      scoreRecordId: 'scoreRecordId' in filing.target ? filing.target.scoreRecordId : null,
      decisionDocument: 'decisionDocument' in filing.target ? filing.target.decisionDocument : null,
      personCode: filing.personCode,
      institutionCode: filing.institutionCode,
      regionCode: filing.regionCode,
      status: AppealStatus.FILED,
      filedOn: receivedOn,
      decideBy: appealDecisionDeadline(receivedOn, [], actor.calendar).date,
      statement: request.statement,
      filedBy: actor.caller.sub,
    },
    {
      action: 'FILE',
      fromStatus: null,
      toStatus: AppealStatus.FILED,
      actor: actor.caller.sub,
      actorRole: actor.caller.role,
      happenedOn: receivedOn,
      note: null,
    },
  );
  return appeal.id;
}

/** A1: the person or institution appeals a score within 10 wd of the notice's delivery. Returns the appeal id. */
export async function fileAppeal(em: EntityManager, actor: Actor, command: FileAppealCommand): Promise<string> {
  const record = await findScoreRecord(em, command.scoreRecordId);
  if (!record) throw notFound('score record', command.scoreRecordId);
  const { caller } = actor;
  if (caller.role === 'PERSON' && caller.person !== record.personCode) throw new DomainError('FORBIDDEN', 'a person may appeal only their own scores');
  if (caller.role === 'INSTITUTION' && caller.institution !== record.institutionCode)
    throw new DomainError('FORBIDDEN', 'an institution may appeal only scores given for behaviour at it');
  const regionCode = record.regionCode ?? record.institutionCode.slice(1, 7);
  return file(
    em,
    actor,
    {
      subject: AppealSubject.SCORE,
      target: { scoreRecordId: record.id },
      personCode: record.personCode,
      institutionCode: record.institutionCode,
      regionCode,
      appealBy: record.appealBy ?? null,
    },
    command,
  );
}

/** A5: an institution disputes an agreement decision of the agency: the same life cycle, no scoring effect. */
export async function fileAgreementDispute(em: EntityManager, actor: Actor, command: FileAgreementDisputeCommand): Promise<string> {
  const institution = await findInstitution(em, command.institutionCode);
  if (!institution) throw notFound('institution', command.institutionCode);
  assertMayActOn(actor, { institutionCode: institution.code, regionCode: institution.regionCode });
  if (!command.decisionDocument.trim()) throw new DomainError('BAD_USER_INPUT', 'name the agreement decision disputed');
  return file(
    em,
    actor,
    {
      subject: AppealSubject.AGREEMENT,
      target: { decisionDocument: command.decisionDocument },
      personCode: null,
      institutionCode: institution.code,
      regionCode: institution.regionCode,
      appealBy: null,
    },
    { ...command, signedByPerson: true },
  );
}
