import { createServer, Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TOKEN_CLOCK_SKEW_SECONDS } from '@pq/caller';
import { createTokenVerifier, signToken } from './auth';

describe('JWKS in production: the identity provider signs callers, the shared secret only services', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  const secret = 'shared-service-secret';

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey as CryptoKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256' };
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
  });
  afterAll(() => server.close());

  const rs256 = (claims: object) =>
    new SignJWT({ region: '3708', ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('u1').setExpirationTime('5m').sign(privateKey);

  test('a caller token from the identity provider is accepted', async () => {
    const verifier = createTokenVerifier({ secret, jwksUrl });
    await expect(verifier.verify(`Bearer ${await rs256({ role: 'CITY_AGENCY' })}`)).resolves.toMatchObject({ role: 'CITY_AGENCY', region: '3708' });
  });

  test('a service token signed with the shared secret is accepted, a caller token signed with it is not', async () => {
    const verifier = createTokenVerifier({ secret, jwksUrl });
    await expect(verifier.verify(`Bearer ${await signToken(secret, { sub: 'service:scoring', role: 'SERVICE' })}`)).resolves.toMatchObject({ role: 'SERVICE' });
    await expect(verifier.verify(`Bearer ${await signToken(secret, { sub: 'x', role: 'NATIONAL_AGENCY' })}`)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('verified tokens are remembered until they expire', () => {
  test('a token is accepted from memory while valid and refused once expired', async () => {
    const verifier = createTokenVerifier({ secret: 's' });
    // Expired 58 s ago: still valid within the clock skew for 2 s.
    const token = await signToken('s', { sub: 'u', role: 'CITY_AGENCY', region: '3708' }, Math.floor(Date.now() / 1000) + 2 - TOKEN_CLOCK_SKEW_SECONDS);
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ role: 'CITY_AGENCY' });
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ role: 'CITY_AGENCY' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('a forged token is never remembered as valid', async () => {
    const verifier = createTokenVerifier({ secret: 's' });
    const forged = await signToken('other', { sub: 'u', role: 'NATIONAL_AGENCY' });
    await expect(verifier.verify(`Bearer ${forged}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifier.verify(`Bearer ${forged}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
