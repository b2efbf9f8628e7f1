import type { IsoDate, WorkingDays } from '@pq/time';
import { AgreementStatus } from './institution';

/** G10: the important facts whose change must be filed. */
export const IMPORTANT_FIELDS = ['name', 'legalRepresentative', 'principal', 'owner', 'level', 'beds'] as const;
export type ImportantField = (typeof IMPORTANT_FIELDS)[number];

/** G10 (003 art.21–23): filed within 30 wd of the change, reviewed within 30 wd; none while a penalty or handling runs. */
export function informationChangeProblem(
  changedOn: IsoDate,
  today: IsoDate,
  agreementStatus: AgreementStatus,
  calendar: WorkingDays,
): { code: 'DEADLINE_PASSED' | 'INVALID_STATE' | 'BAD_USER_INPUT'; message: string } | null {
  if (changedOn > today) return { code: 'BAD_USER_INPUT', message: `the change date ${changedOn} is in the future` };
  const fileBy = calendar.addWorkingDays(changedOn, 30);
  if (today > fileBy) return { code: 'DEADLINE_PASSED', message: `a change on ${changedOn} had to be filed by ${fileBy} (30 working days, G10)` };
  if (agreementStatus === AgreementStatus.SUSPENDED) return { code: 'INVALID_STATE', message: 'no information change while the agreement is suspended (G10)' };
  return null;
}

export const INFORMATION_REVIEW_WORKING_DAYS = 30;
