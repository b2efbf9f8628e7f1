import { DomainError } from '@pq/errors';
import type { IsoDate } from './dates';

/**
 * The real date of a procedural step (a decision, an explanation, a review): the date given,
 * or today when none is. A step is never dated in the future, nor before the step it follows,
 * so a step recorded late keeps its true date and every deadline counts real days.
 */
export function stepDate(given: IsoDate | null | undefined, rule: { today: IsoDate; notBefore?: IsoDate | null; what: string; field?: string }): IsoDate {
  const date = given ?? rule.today;
  const at = rule.field ? { field: rule.field } : {};
  if (date > rule.today) throw new DomainError('BAD_USER_INPUT', `${rule.what} ${date} is in the future`, at);
  if (rule.notBefore && date < rule.notBefore)
    throw new DomainError('BAD_USER_INPUT', `${rule.what} ${date} is before the step it follows (${rule.notBefore})`, at);
  return date;
}
