/** The page size a connection serves: `first`, default 50, at most 500 (the cost of an operation counts the same). */
export function pageSize(first: number | null | undefined): number {
  return Math.min(Math.max(first ?? 50, 0), 500);
}
