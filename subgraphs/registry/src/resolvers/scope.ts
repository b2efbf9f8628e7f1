import { Caller, isRegionScoped, seesEverything } from '@pq/kit';

/**
 * The row-scope condition for a `persons` query on alias `p`, with its parameters; null when the
 * caller sees every person. Mirrors the person loader's rule (loaders/index.ts) in SQL.
 */
export function personScopeSql(caller: Caller): { sql: string; params: unknown[] } | null {
  if (seesEverything(caller)) return null;
  if (isRegionScoped(caller)) {
    const prefix = `${caller.region}%`;
    return {
      sql: `(p.region_code like ? or exists (select 1 from registry.registration rs join registry.institution_view iv on iv.code = rs.institution_code where rs.person_code = p.code and iv.region_code like ?))`,
      params: [prefix, prefix],
    };
  }
  // As in persons-page.ts: the institution's codes as an array keep a page from walking every person.
  if (caller.role === 'INSTITUTION') return { sql: `p.code = any(array(select rs.person_code from registry.registration rs where rs.institution_code = ?))`, params: [caller.institution] };
  if (caller.role === 'PERSON') return { sql: `p.code = ?`, params: [caller.person] };
  return { sql: 'false', params: [] };
}

/** Whether the caller may act on or read about an institution of that region. */
export function institutionInScope(caller: Caller, institutionCode: string, regionCode: string): boolean {
  if (seesEverything(caller)) return true;
  if (isRegionScoped(caller)) return regionCode.startsWith(caller.region);
  return caller.role === 'INSTITUTION' && caller.institution === institutionCode;
}
