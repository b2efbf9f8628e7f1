import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RunningGateway, startGateway } from '@pq/gateway';
import { corsOriginsFromEnv, LOCALHOST_ORIGINS, SubgraphName, SUBGRAPHS } from '@pq/http';
import { startStack, Stack, TEST_JWT_SECRET } from './harness';

// A browser portal on another origin (issue #20): CORS_ORIGINS lists who may read the gateway's
// answers; the preflight is answered; Apollo's CSRF prevention still refuses simple requests.

const PORTAL = 'https://portal.example.gov.cn';
let stack: Stack;
let gateway: RunningGateway;
let token: string;
beforeAll(async () => {
  stack = await startStack({ today: '2026-03-16' });
  gateway = await startGateway({
    port: 0,
    supergraphSdl: readFileSync(path.resolve(__dirname, '../schema/supergraph.graphql'), 'utf8'),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, stack.services[name].url])) as Record<SubgraphName, string>,
    jwtSecret: TEST_JWT_SECRET,
    corsOrigins: corsOriginsFromEnv({ CORS_ORIGINS: `${PORTAL}, https://other.example.gov.cn/`, NODE_ENV: 'production' }),
  });
  token = await stack.token({});
});
afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
});

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-request-id' },
  });

test('a listed origin gets its preflight answered (204, methods, headers, max-age) and may read the answer', async () => {
  const answer = await preflight(gateway.url, PORTAL);
  expect(answer.status).toBe(204);
  expect(
    Object.fromEntries(
      ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-max-age', 'vary'].map((h) => [h, answer.headers.get(h)]),
    ),
  ).toEqual({
    'access-control-allow-origin': PORTAL,
    'access-control-allow-methods': 'GET,POST',
    'access-control-max-age': '600',
    vary: expect.stringContaining('Origin'),
  });
  expect(answer.headers.get('access-control-allow-headers')?.split(',')).toEqual(
    expect.arrayContaining(['authorization', 'content-type', 'x-request-id', 'apollo-require-preflight']),
  );

  const query = await fetch(gateway.url, {
    method: 'POST',
    headers: { origin: PORTAL, 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect([query.status, query.headers.get('access-control-allow-origin'), query.headers.get('vary')]).toEqual([200, PORTAL, expect.stringContaining('Origin')]);
  expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
});

test('an origin not listed gets no Access-Control-Allow-Origin, on the preflight or the answer', async () => {
  const answer = await preflight(gateway.url, 'https://evil.example.com');
  expect([answer.headers.get('access-control-allow-origin'), answer.headers.get('vary')]).toEqual([null, expect.stringContaining('Origin')]);
  const query = await fetch(gateway.url, {
    method: 'POST',
    headers: { origin: 'https://evil.example.com', 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(query.headers.get('access-control-allow-origin')).toBeNull();
  // The harness's gateway was given no origins: none allowed.
  const unset = await preflight(stack.url, PORTAL);
  expect([unset.status, unset.headers.get('access-control-allow-origin')]).toEqual([204, null]);
});

test("Apollo's CSRF prevention stays on: a simple cross-site GET or POST without a preflight-forcing header is refused, even from a listed origin", async () => {
  const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: PORTAL } });
  const post = await fetch(gateway.url, {
    method: 'POST',
    headers: { origin: PORTAL, 'content-type': 'text/plain' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  for (const refused of [get, post]) {
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('CSRF');
  }
  // The same GET with apollo-require-preflight (which a browser sends only after a preflight) runs.
  const allowed = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
    headers: { origin: PORTAL, 'apollo-require-preflight': 'true' },
  });
  expect([allowed.status, await allowed.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
});

test('CORS_ORIGINS: unset allows none in production and localhost in development; set, exactly the origins listed', () => {
  expect(corsOriginsFromEnv({ NODE_ENV: 'production' })).toEqual([]);
  expect(corsOriginsFromEnv({})).toEqual(LOCALHOST_ORIGINS);
  expect(corsOriginsFromEnv({ CORS_ORIGINS: '' })).toEqual([]);
  expect(corsOriginsFromEnv({ CORS_ORIGINS: 'https://a.example, https://b.example/', NODE_ENV: 'production' })).toEqual([
    'https://a.example',
    'https://b.example',
  ]);
  const localhost = LOCALHOST_ORIGINS[0] as RegExp;
  expect(['http://localhost:3000', 'http://127.0.0.1:5173', 'https://localhost'].every((origin) => localhost.test(origin))).toBe(true);
  expect(['http://localhost.evil.com', 'https://portal.example.gov.cn'].some((origin) => localhost.test(origin))).toBe(false);
});
