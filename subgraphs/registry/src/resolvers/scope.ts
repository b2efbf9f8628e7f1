import { Caller, isRegionScoped, seesEverything } from '@pq/caller';

/** Whether the caller may act on or read about an institution of that region. */
export function institutionInScope(caller: Caller, institutionCode: string, regionCode: string): boolean {
  if (seesEverything(caller)) return true;
  if (isRegionScoped(caller)) return regionCode.startsWith(caller.region);
  return caller.role === 'INSTITUTION' && caller.institution === institutionCode;
}
