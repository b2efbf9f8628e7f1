import { DomainError } from '@pq/errors';
import { Caller, CALLER_ROLES, Role } from './caller';

/** Roles a token may give the whole country (`region: ""`): an agency, administration or partner at national level, and the services. */
const NATIONAL_ROLES = new Set<string>(['NATIONAL_AGENCY', 'ADMINISTRATION', 'HEALTH_PARTNER', 'DRUG_PARTNER', 'SERVICE']);
const ROLES = new Set<string>([...CALLER_ROLES, 'SERVICE']);
/** A region-code prefix is whole levels of GB/T 2260: province (2), city (4), county (6). */
const REGION_PREFIX = /^(\d{2}){0,3}$/;
/** G0: `H` or `P`, the 6-digit region, a 5-digit sequence (H37080200090 is in 370802). */
const INSTITUTION_CODE = /^[HP](\d{6})\d{5}$/;
/** Letter prefix, 6-digit region, 6-digit sequence (D370802000123). */
const PERSONNEL_CODE = /^[A-Z]{1,2}(\d{6})\d{6}$/;
const MAX_SUBJECT_LENGTH = 256;

export interface TokenTimeRules {
  /** Seconds since the epoch. */
  now: number;
  /** The longest a token may still be valid for, from now (docs/operations.md, TOKEN_MAX_LIFETIME_SECONDS). */
  maxLifetimeSeconds: number;
  /** Clocks of issuer and service may disagree by this much. */
  clockSkewSeconds: number;
}

/** Twelve hours: a working day's session. */
export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 12 * 60 * 60;
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

const refuse = (message: string) => new DomainError('UNAUTHENTICATED', message);

/**
 * The caller a verified token's claims describe (docs/api.md, Tokens), or a refusal: every claim
 * a rule reads is checked here, so a missing or malformed one never widens the caller's scope.
 */
export function callerFromClaims(claims: Record<string, unknown>, time: TokenTimeRules): Caller {
  const { sub, role, region, institution, person, exp, iat, nbf } = claims;
  if (typeof sub !== 'string' || sub === '' || sub.length > MAX_SUBJECT_LENGTH)
    throw refuse(`token subject must be a string of 1–${MAX_SUBJECT_LENGTH} characters`);
  if (typeof role !== 'string' || !ROLES.has(role)) throw refuse('token has no valid role claim');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw refuse('token has no expiry (exp)');
  if (exp <= time.now - time.clockSkewSeconds) throw refuse('token has expired');
  if (exp - time.now > time.maxLifetimeSeconds + time.clockSkewSeconds) throw refuse(`token is valid for longer than ${time.maxLifetimeSeconds} s`);
  if (iat !== undefined && (typeof iat !== 'number' || iat > time.now + time.clockSkewSeconds)) throw refuse('token is issued in the future (iat)');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > time.now + time.clockSkewSeconds)) throw refuse('token is not valid yet (nbf)');
  if (typeof region !== 'string' || !REGION_PREFIX.test(region)) throw refuse('token region must be a region-code prefix of 0, 2, 4 or 6 digits');
  if (region === '' && !NATIONAL_ROLES.has(role)) throw refuse(`a ${role} token must name its region`);
  const caller: Caller = { sub, role: role as Role, region };
  if (role === 'INSTITUTION') {
    const code = typeof institution === 'string' ? INSTITUTION_CODE.exec(institution) : null;
    if (!code) throw refuse('an INSTITUTION token must name its institution by its code');
    if (!code[1].startsWith(region)) throw refuse(`institution ${institution} is not in the token's region ${region}`);
    caller.institution = institution as string;
  }
  if (role === 'PERSON') {
    const code = typeof person === 'string' ? PERSONNEL_CODE.exec(person) : null;
    if (!code) throw refuse('a PERSON token must name its person by their personnel code');
    if (!code[1].startsWith(region)) throw refuse(`person ${person} is not in the token's region ${region}`);
    caller.person = person as string;
  }
  return caller;
}
