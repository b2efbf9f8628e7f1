import { addDays, IsoDate, WorkingDays } from '@pq/time';
import type { RuleSetParameters } from './rule-set';

/** S8: the notice is issued within 5 wd of the decision and delivered within 3 wd of issue. */
export function noticeDeadlines(rules: RuleSetParameters, decidedOn: IsoDate, calendar: WorkingDays): { issueBy: IsoDate; deliverBy: IsoDate } {
  const issueBy = calendar.addWorkingDays(decidedOn, rules.noticeIssueWorkingDays);
  return { issueBy, deliverBy: calendar.addWorkingDays(issueBy, rules.noticeDeliveryWorkingDays) };
}

/** A1: an appeal is due within 10 wd of the notice's delivery. */
export function appealDeadline(rules: RuleSetParameters, deliveredOn: IsoDate, calendar: WorkingDays): IsoDate {
  return calendar.addWorkingDays(deliveredOn, rules.appealWorkingDays);
}

/**
 * A1: once the calendar changed, the appeal windows of notices delivered from this day on are
 * counted again, closed ones included: ten working days span at most four weeks, Spring Festival
 * included, so any window a provisional year may have closed too early started within 60 days.
 */
export function appealWindowsRecountedFrom(today: IsoDate): IsoDate {
  return addDays(today, -60);
}
