import { assertActsFor } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { IsoDate } from '@pq/time';
import { appealDeadline } from '../domain/notice';
import { institutionOf } from '../repositories/institutions';
import { findNoticeByDocument } from '../repositories/notices';
import { findRuleSets } from '../repositories/rule-sets';
import { findRecordsOfNotices } from '../repositories/score-records';
import { outbox } from '../events/publish';
import { Actor } from './actor';

/** S8: records the notice's delivery to the institution; appeals are due 10 wd later (A1). Returns the notice id. */
export async function deliverNotice(em: EntityManager, actor: Actor, documentNumber: string, deliveredOn: IsoDate | undefined): Promise<string> {
  const notice = await findNoticeByDocument(em, documentNumber);
  if (!notice) throw notFound('notice', documentNumber);
  const institution = await institutionOf(em, notice.institutionCode);
  assertActsFor(actor.caller, institution.code, institution.regionCode);
  if (notice.deliveredOn) throw new DomainError('INVALID_STATE', `the notice was already delivered on ${notice.deliveredOn}`);
  const records = await findRecordsOfNotices(em, [notice.id]);
  const date = deliveredOn ?? actor.clock.today();
  if (date > actor.clock.today()) throw new DomainError('BAD_USER_INPUT', `the delivery date ${date} is in the future`);
  if (date < records[0].decidedOn) throw new DomainError('BAD_USER_INPUT', `the delivery date ${date} is before the decision (${records[0].decidedOn})`);
  const [ruleSet] = await findRuleSets(em, [records[0].ruleSetId]);
  notice.deliveredOn = date;
  notice.appealBy = appealDeadline(ruleSet.parameters, date, actor.calendar);
  await outbox.publish(em, 'NoticeDelivered', notice.personCode, {
    personCode: notice.personCode,
    scoreRecordIds: records.map((r) => r.id),
    deliveredOn: date,
    appealBy: notice.appealBy,
  });
  await em.flush();
  return notice.id;
}
