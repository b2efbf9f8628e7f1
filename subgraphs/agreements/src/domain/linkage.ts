import type { IsoDate } from '@pq/time';
import { AgreementAction, TerminationTrigger } from './agreement-machine';
import { InstitutionKind } from './institution';

/** What decides whether one measure reaches other agreements: whose, what, and why. */
export interface MeasureScope {
  kind: InstitutionKind;
  /** The chain (连锁企业) a pharmacy belongs to, if any. */
  owner: string | null;
  action: AgreementAction;
  /** A department-level measure (G14) stays with the department. */
  department: string | null;
  trigger: TerminationTrigger | null;
  causedByChainHeadquarters: boolean;
  /** The measure is on the agreement with the institution's own region (所在地统筹地区). */
  homeRegion: boolean;
}

/**
 * 003 art.32(十五): the chain's other pharmacies are terminated only where the chain
 * headquarters' legal representative, principal or actual controller caused this termination —
 * never for the pharmacy's own reasons. A termination that follows from the chain does not spread again.
 */
export function terminatesChain(scope: MeasureScope): boolean {
  return (
    scope.causedByChainHeadquarters &&
    scope.action === AgreementAction.TERMINATE &&
    !scope.department &&
    scope.kind === InstitutionKind.PHARMACY &&
    Boolean(scope.owner) &&
    scope.trigger !== TerminationTrigger.CHAIN_OWNER_TERMINATED
  );
}

/** Why `causedByChainHeadquarters` cannot be said of this measure, or null. */
export function chainCauseProblem(scope: MeasureScope): string | null {
  if (!scope.causedByChainHeadquarters) return null;
  if (scope.action !== AgreementAction.TERMINATE || scope.department)
    return 'only the termination of a whole agreement is caused by the chain headquarters (003 art.32(十五))';
  if (scope.kind !== InstitutionKind.PHARMACY || !scope.owner)
    return 'only a chain pharmacy (a pharmacy with an owner) has a chain headquarters (003 art.32(十五))';
  return null;
}

/**
 * 003 art.33 ¶2: when the agency of the medical institution's own region suspends or terminates
 * its agreement, its agreements with the other co-ordination regions are suspended or terminated
 * at the same time. A measure of another region, or on a department, stays where it is taken.
 */
export function spreadsToOtherRegions(scope: MeasureScope): boolean {
  return (
    scope.homeRegion &&
    !scope.department &&
    scope.kind === InstitutionKind.MEDICAL &&
    (scope.action === AgreementAction.SUSPEND || scope.action === AgreementAction.TERMINATE)
  );
}

/** The current agreement with each region (the latest by start date), the home region's first, then by region code. */
export function currentAgreementsByRegion<A extends { regionCode: string; validFrom: IsoDate }>(agreements: readonly A[], homeRegion: string): A[] {
  const latest = new Map<string, A>();
  for (const agreement of agreements) {
    const known = latest.get(agreement.regionCode);
    if (!known || agreement.validFrom > known.validFrom) latest.set(agreement.regionCode, agreement);
  }
  const rank = (region: string) => (region === homeRegion ? '' : region);
  return [...latest.values()].sort((a, b) => rank(a.regionCode).localeCompare(rank(b.regionCode)));
}

export interface RegionalAgreementEntry {
  regionCode: string;
  homeRegion: string;
  validFrom: IsoDate;
  validUntil: IsoDate;
}

/** Why an agreement with another region is refused, or null (003 art.33). */
export function regionalAgreementProblem(entry: RegionalAgreementEntry): { code: 'INVALID_REGION_CODE' | 'BAD_USER_INPUT'; message: string } | null {
  if (!/^\d{6}$/.test(entry.regionCode)) return { code: 'INVALID_REGION_CODE', message: `${entry.regionCode} is not a 6-digit region code` };
  if (entry.regionCode === entry.homeRegion)
    return { code: 'BAD_USER_INPUT', message: `${entry.regionCode} is the institution's own region: its agreement there comes from designation or import` };
  if (entry.validUntil < entry.validFrom)
    return { code: 'BAD_USER_INPUT', message: `agreement ends (${entry.validUntil}) before it starts (${entry.validFrom})` };
  return null;
}
