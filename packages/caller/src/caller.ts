/** The callers of docs/api.md (Tokens, roles and scope). `SERVICE` is a subgraph delivering events to another; `PUBLIC` carries no token. */
export const CALLER_ROLES = [
  'NATIONAL_AGENCY',
  'PROVINCIAL_AGENCY',
  'CITY_AGENCY',
  'ADMINISTRATION',
  'INSTITUTION',
  'PERSON',
  'HEALTH_PARTNER',
  'DRUG_PARTNER',
] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];
export type Role = CallerRole | 'SERVICE' | 'PUBLIC';

/** Who asks: verified from a token at the edge of each service, then all that rules know of the request. */
export interface Caller {
  sub: string;
  role: Role;
  /** Region-code prefix the caller may see; `""` is the whole country. */
  region: string;
  institution?: string;
  person?: string;
}

export const PUBLIC_CALLER: Caller = Object.freeze({ sub: 'anonymous', role: 'PUBLIC', region: '' }) as Caller;

/** The role groups each subgraph's permission table is written with (least privilege, 002 art.56). */
export const AGENCIES: Role[] = ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY'];
export const PARTNERS: Role[] = ['HEALTH_PARTNER', 'DRUG_PARTNER'];
export const ALL_READERS: Role[] = [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', 'PERSON', ...PARTNERS];
/** Full ID and phone numbers: never partners; row scope limits the rest (an institution its staff, a person themself). */
export const PERSONAL_DATA_READERS: Role[] = [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', 'PERSON'];
