import { DomainError } from '@pq/errors';

/** The most items one page serves (docs/api.md, Lists and paging); the cost of an operation counts pages the same way. */
export const MAX_PAGE_SIZE = 500;

/** A page's size when the client names none. */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * The page size a connection serves: `first` (or `last`, named by `field`), default 50. Above
 * the maximum or negative is the client's mistake, refused rather than cut: a client that asked
 * for 1,000 items and got 500 would take the page for the whole list.
 */
export function pageSize(first: number | null | undefined, field: 'first' | 'last' = 'first'): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (size > MAX_PAGE_SIZE)
    throw new DomainError('BAD_USER_INPUT', `${field} is ${size}; a page has at most ${MAX_PAGE_SIZE} items`, { field, limit: MAX_PAGE_SIZE });
  if (size < 0) throw new DomainError('BAD_USER_INPUT', `${field} is ${size}; a page size is 0 or more`, { field });
  return size;
}
