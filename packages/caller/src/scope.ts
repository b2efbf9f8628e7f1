import { DomainError } from '@pq/errors';
import type { Caller, Role } from './caller';

/** Roles whose rows are scoped by a region-code prefix (docs/api.md: the `region` claim). */
const REGION_SCOPED: Role[] = ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY', 'ADMINISTRATION', 'HEALTH_PARTNER', 'DRUG_PARTNER'];

/** Where a row belongs: the regions, institutions and persons it concerns. */
export interface RowFacts {
  regionCodes: string[];
  institutionCodes: string[];
  personCodes: string[];
}

/** True when the caller's scope has no limit: a national account, or a service delivering events. */
export function seesEverything(caller: Caller): boolean {
  return caller.role === 'SERVICE' || (REGION_SCOPED.includes(caller.role) && caller.region === '');
}

export function isRegionScoped(caller: Caller): boolean {
  return REGION_SCOPED.includes(caller.role);
}

/**
 * Row scope (docs/api.md, Tokens, roles and scope): agencies, the administration and partners see rows of their region
 * prefix; an institution its own rows; a person their own. Every subgraph applies it where it
 * loads rows, so a nested field or a direct `_entities` call reaches nothing more than a root query.
 */
export function canSee(caller: Caller, row: RowFacts): boolean {
  if (seesEverything(caller)) return true;
  if (isRegionScoped(caller)) return row.regionCodes.some((region) => region.startsWith(caller.region));
  if (caller.role === 'INSTITUTION') return row.institutionCodes.includes(caller.institution!);
  if (caller.role === 'PERSON') return row.personCodes.includes(caller.person!);
  return false;
}

/** A region-prefix argument (reports, work queues) must lie within the caller's region. */
export function assertRegionInScope(caller: Caller, regionPrefix: string): void {
  if (!seesEverything(caller) && !(isRegionScoped(caller) && regionPrefix.startsWith(caller.region))) throw outOfScope('region', regionPrefix || '(national)');
}

export function outOfScope(what: string, key: string): DomainError {
  return new DomainError('FORBIDDEN', `${what} ${key} is outside the caller's scope`);
}

/** An institution's staff act for their own institution only; agencies within their region prefix. */
export function assertActsFor(caller: Caller, institutionCode: string, regionCode: string): void {
  if (caller.role === 'INSTITUTION' && caller.institution !== institutionCode) {
    throw new DomainError('FORBIDDEN', `an institution account may act only for its own institution (${caller.institution})`);
  }
  if (!regionCode.startsWith(caller.region)) {
    throw new DomainError('FORBIDDEN', `region ${regionCode} is outside the caller's region ${caller.region || '(national)'}`);
  }
}

/** Fewer persons than this in an aggregate's cell may let a reader recognise someone. */
export const SMALL_CELL_PERSONS = 3;

/**
 * Aggregates are not personal data, but a small cell may point at one person: partners, who may
 * not see persons' records, get such cells suppressed; agencies and the administration, who may,
 * see every cell.
 */
export function hidesCell(caller: Caller, persons: number): boolean {
  return (caller.role === 'HEALTH_PARTNER' || caller.role === 'DRUG_PARTNER') && persons > 0 && persons < SMALL_CELL_PERSONS;
}
