import { startStack, Stack } from './harness';

// The services read NODE_ENV when they start: this file's stack runs as in production.
const previous = process.env.NODE_ENV;
let stack: Stack;
beforeAll(async () => {
  process.env.NODE_ENV = 'production';
  stack = await startStack({ today: '2026-03-16' });
});
afterAll(async () => {
  await stack?.stop();
  process.env.NODE_ENV = previous;
});

const post = async (url: string, body: unknown, token: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
};

describe('production hides the schema, at the gateway and straight at a subgraph', () => {
  const doors = () => [stack.url, stack.services.registry.url];

  test('a misspelt field, argument or enum value gets no suggestion', async () => {
    const token = await stack.token({});
    for (const query of ['{ persns(first: 1) { totalCount } }', '{ persons(frist: 1) { totalCount } }', '{ person(code: "D370802000123") { nme } }']) {
      for (const url of doors()) {
        const { status, text } = await post(url, { query }, token);
        expect([url, status]).toEqual([url, 400]);
        expect(text).toContain('GRAPHQL_VALIDATION_FAILED');
        expect(text).not.toMatch(/Did you mean|persons"|first"|name"/);
      }
    }
    for (const url of doors()) {
      const { status, text } = await post(
        url,
        { query: 'query($s: RegistrationStatus) { persons(first: 1, filter: { status: $s }) { totalCount } }', variables: { s: 'NORMl' } },
        token,
      );
      expect([url, status]).toEqual([url, 400]);
      expect(text).not.toMatch(/Did you mean|NORMAL/);
    }
  });

  test('introspection is refused to every caller, a national agency included', async () => {
    const token = await stack.token({});
    for (const url of [...doors(), stack.services.scoring.url]) {
      const { status, text } = await post(url, { query: '{ __schema { queryType { name } } }' }, token);
      expect([url, status]).toEqual([url, 400]);
      expect(text).not.toContain('"queryType"');
    }
  });

  test('a subgraph refuses _service { sdl } to a person and to an agency', async () => {
    for (const as of [{ role: 'PERSON' as const, region: '370802', person: 'D370802000123' }, {}]) {
      const { status, text } = await post(stack.services.registry.url, { query: '{ _service { sdl } }' }, await stack.token(as));
      expect(status).toBe(403);
      expect(text).not.toContain('type Query');
    }
  });
});
