import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startGateway } from '@pq/gateway';
import { createLogger, signToken } from '@pq/http';
import { startStack, Stack, TEST_JWT_SECRET } from './harness';

let stack: Stack;
let national: string;
let hospital: string;
beforeAll(async () => {
  stack = await startStack({ today: '2026-03-16' });
  national = await stack.token({});
  hospital = await stack.token({ role: 'INSTITUTION', region: '370802', institution: 'H37080200090' });
});
afterAll(() => stack?.stop());

const post = async (url: string, body: unknown, token?: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as any };
};
/** What a client sees of a refusal: HTTP status, codes and the offending value's path. */
const refusal = ({ status, body }: { status: number; body: any }) => ({
  status,
  codes: body.errors?.map((e: any) => e.extensions.code),
  field: body.errors?.[0].extensions.field,
  data: body.data ?? null,
});
/** The same request through the gateway and straight at the subgraph that serves it. */
const atBothDoors = async (subgraph: keyof Stack['services'], body: unknown, token = national) => {
  const [gateway, direct] = await Promise.all([post(stack.url, body, token), post(stack.services[subgraph].url, body, token)]);
  return { gateway: refusal(gateway), subgraph: refusal(direct), gatewayText: gateway.text, subgraphText: direct.text };
};

describe("a client's mistake is a 4xx with its code, the same at the gateway and at the subgraph", () => {
  const eligibility = 'query($on: Date!) { paymentEligibility(personCode: "D370802000123", institutionCode: "H37080200090", on: $on) { payable } }';

  test.each(['2026-13-01', '2026-02-30', '2026-2-3', '', 20260301])('the Date %p as a variable is BAD_USER_INPUT naming $on', async (on) => {
    const { gateway, subgraph } = await atBothDoors('registry', { query: eligibility, variables: { on } });
    expect(gateway).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], field: '$on', data: null });
    expect(subgraph).toEqual(gateway);
  });

  test('an impossible Date written in the query is BAD_USER_INPUT with its location', async () => {
    const query = '{ paymentEligibility(personCode: "D370802000123", institutionCode: "H37080200090", on: "2026-02-30") { payable } }';
    const { gateway, subgraph, gatewayText, subgraphText } = await atBothDoors('registry', { query });
    expect(gateway).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], field: undefined, data: null });
    expect(subgraph).toEqual(gateway);
    expect(JSON.parse(gatewayText).errors[0].locations).toEqual(JSON.parse(subgraphText).errors[0].locations);
  });

  test('a Date deep in an input list names its path', async () => {
    const query = 'query($claims: [ClaimInput!]!) { auditClaims(claims: $claims) { checked } }';
    const claims = [
      { lineId: 'L1', personCode: 'D370802000123', institutionCode: 'H37080200090', serviceDate: '2026-03-01', amount: 10 },
      { lineId: 'L2', personCode: 'D370802000123', institutionCode: 'H37080200090', serviceDate: '2026-04-31', amount: 10 },
    ];
    const { gateway, subgraph } = await atBothDoors('registry', { query, variables: { claims } });
    expect(gateway).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], field: '$claims[1].serviceDate', data: null });
    expect(subgraph).toEqual(gateway);
  });

  test("a non-UUID id where a row's UUID is expected is BAD_USER_INPUT, literal or variable", async () => {
    const literal =
      'mutation { fileAppeal(input: { scoreRecordId: "1 or 1=1", statement: "x", signedByPerson: true, stampedByInstitution: true }) { appeal { id } } }';
    const byLiteral = await atBothDoors('appeals', { query: literal }, hospital);
    expect(byLiteral.gateway).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], field: 'input.scoreRecordId', data: null });
    expect(byLiteral.subgraph).toEqual(byLiteral.gateway);
    const byVariable = await atBothDoors('registry', {
      query: 'mutation($id: ID!) { cancelRegistration(input: { registrationId: $id, reason: "left" }) { registration { id } } }',
      variables: { id: 'abc' },
    });
    expect(byVariable.gateway).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], field: '$id', data: null });
    expect(byVariable.subgraph).toEqual(byVariable.gateway);
  });

  test('an _entities representation with a non-UUID id is refused straight at a subgraph', async () => {
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ScoreRecord { points } } }';
    const answer = refusal(
      await post(stack.services.scoring.url, { query: entities, variables: { r: [{ __typename: 'ScoreRecord', id: "x'; drop table" }] } }, national),
    );
    expect(answer).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], field: '$r[0].id', data: null });
  });

  test('a NUL byte in an _entities representation is refused at its own path, however deep', async () => {
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { points } } }';
    const ask = (r: unknown[]) => post(stack.services.scoring.url, { query: entities, variables: { r } }, national).then(refusal);
    const person = { __typename: 'Person', code: 'D370802000123' };
    expect(await ask([person, { ...person, code: 'D37080200\u00001' }])).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], field: '$r[1].code', data: null });
    expect(await ask([{ ...person, more: { list: ['fine', 'not\u0000fine'] } }])).toEqual({
      status: 400,
      codes: ['BAD_USER_INPUT'],
      field: '$r[0].more.list[1]',
      data: null,
    });
  });

  test('a NUL byte in any string is refused and nothing is stored', async () => {
    const query = 'mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }';
    const input = {
      institutionCode: 'H37080200090',
      people: [{ code: 'D370802000999', name: '张\u0000三', idNumber: '370802198001010011', category: 'DOCTOR', phone: '13800000000' }],
    };
    const { gateway, subgraph } = await atBothDoors('registry', { query, variables: { input } });
    expect(gateway).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], field: '$input.people[0].name', data: null });
    expect(subgraph).toEqual(gateway);
    const stored = await stack.services.registry.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as n from registry.person where code = 'D370802000999'`);
    expect(stored[0].n).toBe(0);
  });

  test('a malformed /events body is 400, not a failed delivery', async () => {
    const events = new URL('/events', stack.services.registry.url).toString();
    const service = await signToken(TEST_JWT_SECRET, { sub: 'service:scoring', role: 'SERVICE' }, '5m');
    for (const body of ['not json', 'null', '{"events": {}}', '{"events": [{"id": "x"}]}', '[]']) {
      const { status, text } = await post(events, body, service).catch(async () => ({ status: 0, text: '' }));
      expect([body, status]).toEqual([body, 400]);
      expect(text).not.toMatch(/SyntaxError|at .*\.js/);
    }
  });
});

describe('no PostgreSQL or JavaScript error text reaches a caller', () => {
  test('an idempotency key PostgreSQL cannot index is hidden behind a generic message', async () => {
    const query = 'mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }';
    const idempotencyKey = randomBytes(12_000).toString('base64');
    for (const url of [stack.url, stack.services.registry.url]) {
      const { status, text, body } = await post(
        url,
        { query, variables: { input: { institutionCode: 'H37080200090', people: [], idempotencyKey } } },
        national,
      );
      expect(status).toBeLessThan(500);
      expect(body.errors).toHaveLength(1);
      expect(text).not.toMatch(/index row|btree|postgres|insert |\.ts:|\.js:|node_modules/i);
    }
  });

  test("an amount no service costs (1e308, whose sum overflows) is the client's mistake, named by its path", async () => {
    const query = 'query($claims: [ClaimInput!]!) { auditClaims(claims: $claims) { checked rejectedAmount } }';
    const line = { lineId: 'L1', personCode: 'D370802000123', institutionCode: 'H37080200090', serviceDate: '2026-03-01', amount: 1 };
    for (const url of [stack.url, stack.services.registry.url]) {
      const { text } = await post(url, { query, variables: { claims: [line, { ...line, lineId: 'L2', amount: -1e308 }] } }, national);
      expect(text).not.toMatch(/numeric|overflow|postgres|relation|select |insert |\.ts:|\.js:|node_modules/i);
      expect(JSON.parse(text).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'claims[1].amount' });
    }
  });
});

describe('a subgraph that cannot be reached', () => {
  test('is SERVICE_UNAVAILABLE with HTTP 503 and retryable: true through the gateway', async () => {
    const subgraphUrls = {
      ...Object.fromEntries(Object.entries(stack.services).map(([name, s]) => [name, s.url])),
      appeals: 'http://127.0.0.1:9/graphql',
    } as Record<keyof Stack['services'], string>;
    const gateway = await startGateway({
      port: 0,
      supergraphSdl: readFileSync(path.resolve(__dirname, '../schema/supergraph.graphql'), 'utf8'),
      subgraphUrls,
      jwtSecret: TEST_JWT_SECRET,
      logger: createLogger('test', 'fatal'),
    });
    try {
      const { status, body, text } = await post(gateway.url, { query: '{ appealsAuditLog(first: 1) { totalCount } }' }, national);
      expect(status).toBe(503);
      expect(body.errors.map((e: any) => e.extensions)).toEqual([expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryable: true })]);
      expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      // The subgraphs that answer still serve.
      expect((await post(gateway.url, { query: '{ violationItems(regionCode: "370802") { code } }' }, national)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});
