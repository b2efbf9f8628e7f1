import { createRemoteJWKSet, decodeProtectedHeader, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { Caller, CALLER_ROLES, PUBLIC_CALLER, Role } from '@pq/caller';
import { DomainError } from '@pq/errors';

export interface TokenVerifier {
  /** Resolves the caller of an `Authorization` header; no header is the public caller. */
  verify(authorization: string | undefined): Promise<Caller>;
}

export interface TokenVerifierOptions {
  /** HS256 secret: the embedded default; with a JWKS URL, only for the services' own tokens. */
  secret?: string;
  /** Production: callers' tokens are verified with keys from this JWKS endpoint (RS256/ES256). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

const VALID_ROLES = new Set<string>([...CALLER_ROLES, 'SERVICE']);

function callerFromClaims(claims: JWTPayload): Caller {
  const role = claims.role;
  if (typeof role !== 'string' || !VALID_ROLES.has(role)) throw new DomainError('UNAUTHENTICATED', 'token has no valid role claim');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new DomainError('UNAUTHENTICATED', 'token has no subject');
  const region = typeof claims.region === 'string' ? claims.region : '';
  if (!/^\d{0,6}$/.test(region)) throw new DomainError('UNAUTHENTICATED', 'token region must be a region-code prefix');
  const caller: Caller = { sub: claims.sub, role: role as Role, region };
  if (role === 'INSTITUTION') {
    if (typeof claims.institution !== 'string') throw new DomainError('UNAUTHENTICATED', 'an INSTITUTION token must name its institution');
    caller.institution = claims.institution;
  }
  if (role === 'PERSON') {
    if (typeof claims.person !== 'string') throw new DomainError('UNAUTHENTICATED', 'a PERSON token must name its person');
    caller.person = claims.person;
  }
  return caller;
}

/** Verified tokens kept per process: a portal sends the same token with every request. */
const VERIFIED_CACHE_SIZE = 10_000;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  // Token string → caller and expiry. Only successful verifications are kept, never past `exp`.
  const verified = new Map<string, { caller: Caller; expiresAt: number }>();
  const { secret, jwksUrl, issuer, audience } = options;
  if (!secret && !jwksUrl) throw new Error('a token verifier needs a secret or a JWKS URL');
  const jwks = jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : undefined;
  const hmacKey = secret ? new TextEncoder().encode(secret) : new Uint8Array(0);
  return {
    async verify(authorization) {
      if (!authorization) return PUBLIC_CALLER;
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new DomainError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
      const known = verified.get(match[1]);
      if (known && known.expiresAt > Date.now()) return known.caller;
      try {
        // With a JWKS, callers' tokens come from the identity provider; the shared secret then
        // only signs the services' event deliveries, so an HS256 token must be a SERVICE token.
        const signedWithSecret = !jwks || decodeProtectedHeader(match[1]).alg === 'HS256';
        const result = signedWithSecret
          ? await jwtVerify(match[1], hmacKey!, { algorithms: ['HS256'], ...(jwks ? {} : { issuer, audience }) })
          : await jwtVerify(match[1], jwks!, { issuer, audience, algorithms: ['RS256', 'ES256'] });
        const caller = callerFromClaims(result.payload);
        if (jwks && signedWithSecret && caller.role !== 'SERVICE') throw new DomainError('UNAUTHENTICATED', 'caller tokens are verified with the JWKS; the shared secret signs service tokens only');
        if (typeof result.payload.exp === 'number') {
          if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
          verified.set(match[1], { caller, expiresAt: result.payload.exp * 1000 });
        }
        return caller;
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw new DomainError('UNAUTHENTICATED', `invalid token: ${(error as Error).message}`);
      }
    },
  };
}

export interface TokenClaims {
  sub: string;
  role: Role;
  region?: string;
  institution?: string;
  person?: string;
}

/** Signs an HS256 token: development tokens, tests, and the services' own event deliveries. */
export async function signToken(secret: string, claims: TokenClaims, expiresIn: string | number = '12h'): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ region: '', ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
