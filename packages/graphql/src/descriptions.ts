/** The description of every `…Provisional` flag beside a deadline field, the same pattern throughout the API. */
export function provisionalDeadlineDescription(term: string, field: string): string {
  return `${term}为暂定 — ${field} was counted across a year whose official holiday schedule (国务院节假日安排) is not loaded yet, on the statutory holidays alone; it is recomputed when the schedule is loaded`;
}
