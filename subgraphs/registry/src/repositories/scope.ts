import { Caller, isRegionScoped, seesEverything } from '@pq/caller';
import type { RowFactsSql } from '@pq/subgraph';

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

/** Where a person (alias `p`) or a registration (alias `r`) belongs, as SQL over a bound parameter: the facts row scope reads. */
export const PERSON_FACTS: RowFactsSql = {
  inRegion: (prefix) => `(p.region_code like ${prefix} or ${worksInRegion('p.code', prefix)})`,
  // The institution's codes as an array keep a page in code order from walking every person.
  ofInstitution: (code) => `p.code = any(array(select rs.person_code from registry.registration rs where rs.institution_code = ${code}))`,
  ofPerson: (code) => `p.code = ${code}`,
};

export const REGISTRATION_FACTS: RowFactsSql = {
  inRegion: (prefix) => worksInRegion('r.person_code', prefix),
  ofInstitution: (code) => `r.institution_code = ${code}`,
  ofPerson: (code) => `r.person_code = ${code}`,
};

/** The condition on rows with these facts for the caller; null when they see all. */
function scopeOf(facts: RowFactsSql, caller: Caller, first: number): ScopeCondition | null {
  if (seesEverything(caller)) return null;
  const $ = `$${first}`;
  if (isRegionScoped(caller)) return { sql: facts.inRegion($), values: [`${caller.region}%`] };
  if (caller.role === 'INSTITUTION') return { sql: facts.ofInstitution($), values: [caller.institution] };
  if (caller.role === 'PERSON') return { sql: facts.ofPerson($), values: [caller.person] };
  return { sql: 'false', values: [] };
}

/**
 * Persons (alias `p`) the caller may see; null when they see everyone. A region sees the persons
 * of its region and those working in it; an institution those registered there; a person themself.
 */
export function personScope(caller: Caller, first: number): ScopeCondition | null {
  return scopeOf(PERSON_FACTS, caller, first);
}

/** Registrations (alias `r`) the caller may see; null when they see all: a region's where the person works in it, an institution's own, a person's own. */
export function registrationScope(caller: Caller, first: number): ScopeCondition | null {
  return scopeOf(REGISTRATION_FACTS, caller, first);
}

/** Change-feed entries (alias `c`) the caller may see; null when they see all: a region's those whose regions lie in it. */
export function changeScope(caller: Caller, first: number): ScopeCondition | null {
  if (seesEverything(caller)) return null;
  if (isRegionScoped(caller)) return { sql: `exists (select 1 from unnest(c.region_codes) r where r like $${first})`, values: [`${caller.region}%`] };
  return { sql: 'false', values: [] };
}
