import { SignJWT } from 'jose';
import { SUBGRAPHS } from '@pq/http';
import { startStack, Stack, TEST_JWT_SECRET } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ today: '2026-03-16' });
});
afterAll(() => stack?.stop());

const now = () => Math.floor(Date.now() / 1000);
/** A token with exactly these claims (a claim set to undefined is left out). */
const sign = (claims: Record<string, unknown>) =>
  new SignJWT({ sub: 'edge-test', iat: now(), exp: now() + 3600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
const post = async (url: string, body: unknown, token?: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as any };
};
/** Every authenticated role may list the violation items (scoring). */
const OPEN_TO_EVERY_ROLE = { query: '{ violationItems(regionCode: "370802") { code } }' };

const accepted: [string, Record<string, unknown>][] = [
  ['a national agency', { role: 'NATIONAL_AGENCY', region: '' }],
  ['a provincial agency', { role: 'PROVINCIAL_AGENCY', region: '37' }],
  ['a city agency', { role: 'CITY_AGENCY', region: '3708' }],
  ['a national administration', { role: 'ADMINISTRATION', region: '' }],
  ['a partner of a province', { role: 'HEALTH_PARTNER', region: '37' }],
  ['an institution in its city', { role: 'INSTITUTION', region: '3708', institution: 'H37080200090' }],
  ['a person in their county', { role: 'PERSON', region: '370802', person: 'D370802000123' }],
  ['a token expired within the clock skew', { role: 'CITY_AGENCY', region: '3708', exp: now() - 20 }],
];
const refused: [string, Record<string, unknown>][] = [
  ['a role outside the list', { role: 'SUPERUSER', region: '' }],
  ['no role', { region: '' }],
  ['no subject', { sub: undefined, role: 'NATIONAL_AGENCY', region: '' }],
  ['a city agency without a region', { role: 'CITY_AGENCY' }],
  ['a city agency with a null region', { role: 'CITY_AGENCY', region: null }],
  ['a city agency with a numeric region', { role: 'CITY_AGENCY', region: 3708 }],
  ['a city agency claiming the whole country', { role: 'CITY_AGENCY', region: '' }],
  ['a provincial agency claiming the whole country', { role: 'PROVINCIAL_AGENCY', region: '' }],
  ['a region of 7 digits', { role: 'CITY_AGENCY', region: '3708021' }],
  ['a region of letters', { role: 'CITY_AGENCY', region: 'shandong' }],
  ['an institution without its institution', { role: 'INSTITUTION', region: '3708' }],
  ['an institution outside its token region', { role: 'INSTITUTION', region: '3710', institution: 'H37080200090' }],
  ['an institution claiming the whole country', { role: 'INSTITUTION', region: '', institution: 'H37080200090' }],
  ['a person without their person', { role: 'PERSON', region: '370802' }],
  ['a person claiming the whole country', { role: 'PERSON', region: '', person: 'D370802000123' }],
  ['a token without exp', { role: 'NATIONAL_AGENCY', region: '', exp: undefined }],
  ['a token valid for a hundred years', { role: 'NATIONAL_AGENCY', region: '', exp: now() + 100 * 365 * 86400 }],
  ['a token valid for 13 hours', { role: 'NATIONAL_AGENCY', region: '', exp: now() + 13 * 3600 }],
  ['an expired token', { role: 'NATIONAL_AGENCY', region: '', exp: now() - 3600 }],
  ['a token issued in the future', { role: 'NATIONAL_AGENCY', region: '', iat: now() + 3600 }],
];

describe('tokens fail closed: the access matrix of the claims, at the gateway and straight at a subgraph', () => {
  const doors = () => [
    ['gateway', stack.url],
    ['scoring', stack.services.scoring.url],
  ];

  test.each(accepted)('%s is served', async (_name, claims) => {
    const token = await sign(claims);
    for (const [door, url] of doors()) {
      const { status, body } = await post(url, OPEN_TO_EVERY_ROLE, token);
      expect([door, status, body.errors]).toEqual([door, 200, undefined]);
    }
  });

  test.each(refused)('%s is refused with HTTP 401 and UNAUTHENTICATED', async (_name, claims) => {
    const token = await sign(claims);
    for (const [door, url] of doors()) {
      const { status, body } = await post(url, OPEN_TO_EVERY_ROLE, token);
      expect([door, status, body.errors.map((e: any) => e.extensions.code), body.data]).toEqual([door, 401, ['UNAUTHENTICATED'], undefined]);
    }
  });

  test('a forged or malformed token is HTTP 401 at the gateway and at every subgraph, in a batch too', async () => {
    const forged = await new SignJWT({ sub: 'x', role: 'NATIONAL_AGENCY', region: '', exp: now() + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('not-the-secret'));
    for (const url of [stack.url, ...SUBGRAPHS.map((name) => stack.services[name].url)]) {
      for (const token of [forged, 'not-a-jwt']) {
        const { status, body } = await post(url, { query: '{ __typename }' }, token);
        expect([url, status, body.errors[0].extensions.code]).toEqual([url, 401, 'UNAUTHENTICATED']);
        expect(body.errors[0].message).not.toMatch(/Context creation failed/);
      }
    }
    const batch = await post(stack.services.registry.url, [{ query: '{ __typename }' }, { query: '{ __typename }' }], forged);
    expect(batch.status).toBe(401);
  });
});

describe('scope: a valid token asking beyond its role is HTTP 403 with FORBIDDEN', () => {
  test('a subgraph gives its schema (_service { sdl }) to services only, with fragments too', async () => {
    const person = await sign({ role: 'PERSON', region: '370802', person: 'D370802000123' });
    const national = await sign({ role: 'NATIONAL_AGENCY', region: '' });
    for (const name of SUBGRAPHS) {
      for (const [token, query] of [
        [person, '{ _service { sdl } }'],
        [national, '{ _service { sdl } }'],
        [national, '{ ... on Query { _service { sdl } } }'],
        [national, 'query { ...Q } fragment Q on Query { _service { sdl } }'],
      ]) {
        const { status, body } = await post(stack.services[name].url, { query }, token);
        expect([name, query, status, body.errors?.[0].extensions.code, body.data?._service]).toEqual([name, query, 403, 'FORBIDDEN', undefined]);
      }
    }
    const service = await sign({ role: 'SERVICE', region: '', sub: 'service:registry', exp: now() + 300 });
    const { status, body } = await post(stack.services.scoring.url, { query: '{ _service { sdl } }' }, service);
    expect([status, body.data._service.sdl]).toEqual([200, expect.stringContaining('type Query')]);
  });

  test('only services deliver events: any other token is 403 at /events, a bad one 401', async () => {
    const events = new URL('/events', stack.services.registry.url).toString();
    expect((await post(events, { events: [] }, await sign({ role: 'NATIONAL_AGENCY', region: '' }))).status).toBe(403);
    expect((await post(events, { events: [] }, await sign({ role: 'SERVICE', region: '', exp: undefined }))).status).toBe(401);
  });
});
