import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { Caller, callerFromClaims, DEFAULT_TOKEN_MAX_LIFETIME_SECONDS, PUBLIC_CALLER, Role, TOKEN_CLOCK_SKEW_SECONDS } from '@pq/caller';
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
  /** The longest a token may be valid for (default 12 h): a stolen token stops working within it. */
  maxLifetimeSeconds?: number;
}

/** Verified tokens kept per process: a portal sends the same token with every request. */
const VERIFIED_CACHE_SIZE = 10_000;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  // Token string → caller and expiry. Only successful verifications are kept, never past `exp` and the clock skew.
  const verified = new Map<string, { caller: Caller; expiresAt: number }>();
  const { secret, jwksUrl, issuer, audience, maxLifetimeSeconds = DEFAULT_TOKEN_MAX_LIFETIME_SECONDS } = options;
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
        const clockTolerance = TOKEN_CLOCK_SKEW_SECONDS;
        const result = signedWithSecret
          ? await jwtVerify(match[1], hmacKey!, { algorithms: ['HS256'], clockTolerance, ...(jwks ? {} : { issuer, audience }) })
          : await jwtVerify(match[1], jwks!, { issuer, audience, clockTolerance, algorithms: ['RS256', 'ES256'] });
        const caller = callerFromClaims(result.payload as Record<string, unknown>, {
          now: Math.floor(Date.now() / 1000),
          maxLifetimeSeconds,
          clockSkewSeconds: clockTolerance,
        });
        if (jwks && signedWithSecret && caller.role !== 'SERVICE')
          throw new DomainError('UNAUTHENTICATED', 'caller tokens are verified with the JWKS; the shared secret signs service tokens only');
        if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
        verified.set(match[1], { caller, expiresAt: (result.payload.exp! + clockTolerance) * 1000 });
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
