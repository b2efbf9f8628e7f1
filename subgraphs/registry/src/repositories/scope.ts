import { Caller, isRegionScoped, seesEverything } from '@pq/caller';

/**
 * Row scope (docs/api.md, Tokens, roles and scope) of persons and registrations, written here only: the loaders read
 * which keys pass it, the lists filter by it. A condition's parameters are numbered from `first`.
 */
export interface ScopeCondition {
  sql: string;
  values: unknown[];
}

/** A person works in a region when an institution where they are registered lies in it. */
const worksInRegion = (personCode: string, prefix: string) =>
  `exists (select 1 from registry.registration rs left join registry.institution_view iv on iv.code = rs.institution_code
            where rs.person_code = ${personCode} and coalesce(iv.region_code, substr(rs.institution_code, 2, 6)) like ${prefix})`;

/**
 * Persons (alias `p`) the caller may see; null when they see everyone. A region sees the persons
 * of its region and those working in it; an institution those registered there; a person themself.
 */
export function personScope(caller: Caller, first: number): ScopeCondition | null {
  if (seesEverything(caller)) return null;
  const $ = `$${first}`;
  if (isRegionScoped(caller)) return { sql: `(p.region_code like ${$} or ${worksInRegion('p.code', $)})`, values: [`${caller.region}%`] };
  // The institution's codes as an array keep a page in code order from walking every person.
  if (caller.role === 'INSTITUTION')
    return { sql: `p.code = any(array(select rs.person_code from registry.registration rs where rs.institution_code = ${$}))`, values: [caller.institution] };
  if (caller.role === 'PERSON') return { sql: `p.code = ${$}`, values: [caller.person] };
  return { sql: 'false', values: [] };
}

/** Registrations (alias `r`) the caller may see; null when they see all: a region's where the person works in it, an institution's own, a person's own. */
export function registrationScope(caller: Caller, first: number): ScopeCondition | null {
  if (seesEverything(caller)) return null;
  const $ = `$${first}`;
  if (isRegionScoped(caller)) return { sql: worksInRegion('r.person_code', $), values: [`${caller.region}%`] };
  if (caller.role === 'INSTITUTION') return { sql: `r.institution_code = ${$}`, values: [caller.institution] };
  if (caller.role === 'PERSON') return { sql: `r.person_code = ${$}`, values: [caller.person] };
  return { sql: 'false', values: [] };
}

/** Change-feed entries (alias `c`) the caller may see; null when they see all: a region's those whose regions lie in it. */
export function changeScope(caller: Caller, first: number): ScopeCondition | null {
  if (seesEverything(caller)) return null;
  if (isRegionScoped(caller)) return { sql: `exists (select 1 from unnest(c.region_codes) r where r like $${first})`, values: [`${caller.region}%`] };
  return { sql: 'false', values: [] };
}
