import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { GraphQLDataSourceRequestKind } from '@apollo/gateway';
import { createMetrics, readBody } from '@pq/http';
import { Agent } from 'undici';
import { SubgraphDataSource } from '../gateway/src/gateway';

/** A stand-in subgraph answering what each test sets, recording what it received. */
let answer: { status: number; contentType: string; body: string };
/** Its answer to a batch (a JSON array of operations on /graphql), from the batch's operations. */
let batchAnswer: (operations: any[]) => { status: number; contentType: string; body: string };
let received: { path: string; headers: IncomingMessage['headers']; body: any }[] = [];
let server: Server;
let agent: Agent;
let source: SubgraphDataSource;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    received.push({ path: req.url!, headers: req.headers, body });
    const { status, contentType, body: text } = Array.isArray(body) ? batchAnswer(body) : answer;
    res.writeHead(status, { 'content-type': contentType });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  agent = new Agent();
  source = new SubgraphDataSource(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, 'registry', agent, createMetrics('test-gateway'));
});
afterAll(async () => {
  await agent.close();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
});

const fetchFromSubgraph = (code = 'D1', requestId = 'req-1', authorization = 'Bearer caller-token') =>
  source.process({
    kind: 'incoming operation' as GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: 'query($code: ID!) { person(code: $code) { name } }', variables: { code }, operationName: 'Dashboard__registry__0' },
    context: { authorization, requestId, role: 'NATIONAL_AGENCY' },
    incomingRequestContext: {} as never,
  });
const json = (status: number, value: unknown) => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) });

describe('SubgraphDataSource: the gateway’s fetch to a subgraph', () => {
  test('sends the operation with the caller’s token and request id, and returns the subgraph’s answer, errors included', async () => {
    answer = {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ data: { person: null }, errors: [{ message: 'out of scope', extensions: { code: 'FORBIDDEN' } }] }),
    };
    const response = await fetchFromSubgraph();
    expect(response).toEqual({ data: { person: null }, errors: [{ message: 'out of scope', extensions: { code: 'FORBIDDEN' } }] });
    expect(received).toHaveLength(1);
    expect(received[0].headers).toMatchObject({ authorization: 'Bearer caller-token', 'x-request-id': 'req-1', 'content-type': 'application/json' });
    expect(received[0].body).toEqual({
      query: 'query($code: ID!) { person(code: $code) { name } }',
      variables: { code: 'D1' },
      operationName: 'Dashboard__registry__0',
    });
  });

  test('a failing subgraph becomes a GraphQL error carrying its status and body, as with RemoteGraphQLDataSource', async () => {
    answer = { status: 500, contentType: 'text/plain', body: 'upstream broken' };
    await expect(fetchFromSubgraph()).rejects.toMatchObject({
      message: '500: Internal Server Error',
      extensions: { response: { status: 500, body: 'upstream broken' } },
    });
  });

  test.each([502, 503, 504])('HTTP %s (a balancer without a replica) is SERVICE_UNAVAILABLE, retryable, HTTP 503 to the client', async (status) => {
    answer = { status, contentType: 'text/plain', body: 'upstream down' };
    await expect(fetchFromSubgraph()).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, http: { status: 503 } } });
  });

  test.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
  ])('HTTP %s from a subgraph carries the code %s', async (status, code) => {
    answer = { status, contentType: 'application/json', body: JSON.stringify({ error: 'no' }) };
    await expect(fetchFromSubgraph()).rejects.toMatchObject({ extensions: { code, response: { status, body: { error: 'no' } } } });
  });

  test('fetches of concurrent requests with the same token go as one batch, a JSON array of operations on /graphql, each with its own request id, each answered alone', async () => {
    batchAnswer = (operations) =>
      json(
        200,
        operations.map((operation) => ({ data: { person: { name: `${operation.variables.code} for ${operation.extensions.requestId}` } } })),
      );
    const answers = await Promise.all([fetchFromSubgraph('D1', 'req-1'), fetchFromSubgraph('D2', 'req-2'), fetchFromSubgraph('D3', 'req-3')]);
    expect(answers).toEqual([1, 2, 3].map((i) => ({ data: { person: { name: `D${i} for req-${i}` } } })));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ path: '/graphql', headers: { authorization: 'Bearer caller-token', 'content-type': 'application/json' } });
    expect(received[0].headers['x-request-id']).toBeUndefined();
    expect(received[0].body).toEqual(
      [1, 2, 3].map((i) => ({
        query: 'query($code: ID!) { person(code: $code) { name } }',
        variables: { code: `D${i}` },
        operationName: 'Dashboard__registry__0',
        extensions: { requestId: `req-${i}` },
      })),
    );
  });

  test("a batched operation's failing answer fails that fetch alone, with its code; the batch's one status (Apollo Server's, shared by its operations) fails none", async () => {
    batchAnswer = () => json(400, [{ data: { person: { name: 'ok' } } }, { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }, 'not json']);
    const [ok, refused, garbled] = await Promise.allSettled([
      fetchFromSubgraph('D1', 'req-1'),
      fetchFromSubgraph('D2', 'req-2'),
      fetchFromSubgraph('D3', 'req-3'),
    ]);
    expect(ok).toEqual({ status: 'fulfilled', value: { data: { person: { name: 'ok' } } } });
    expect(refused).toEqual({ status: 'fulfilled', value: { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] } });
    expect(garbled).toMatchObject({ status: 'rejected', reason: { message: 'Expected JSON response body, but received: not json' } });
  });

  test('a refused batch fails each of its fetches with the refusal, 401 and 403 with their codes', async () => {
    batchAnswer = () => ({ status: 500, contentType: 'text/plain', body: 'upstream broken' });
    const settled = await Promise.allSettled([fetchFromSubgraph('D1', 'req-1'), fetchFromSubgraph('D2', 'req-2')]);
    expect(settled).toEqual(
      [0, 1].map(() => expect.objectContaining({ status: 'rejected', reason: expect.objectContaining({ message: '500: Internal Server Error' }) })),
    );
    for (const [status, code] of [
      [401, 'UNAUTHENTICATED'],
      [403, 'FORBIDDEN'],
    ] as const) {
      batchAnswer = () => json(status, { errors: [{ message: 'no' }] });
      const refused = await Promise.allSettled([fetchFromSubgraph('D1', 'req-1'), fetchFromSubgraph('D2', 'req-2')]);
      expect(refused).toEqual(
        [0, 1].map(() => expect.objectContaining({ status: 'rejected', reason: expect.objectContaining({ extensions: expect.objectContaining({ code }) }) })),
      );
    }
  });

  test('an answer to a batch that is not one response per operation fails each fetch', async () => {
    batchAnswer = () => json(200, [{ data: { person: { name: 'only one' } } }]);
    const settled = await Promise.allSettled([fetchFromSubgraph('D1', 'req-1'), fetchFromSubgraph('D2', 'req-2')]);
    expect(settled).toEqual(
      [0, 1].map(() =>
        expect.objectContaining({
          status: 'rejected',
          reason: expect.objectContaining({ message: expect.stringContaining('Expected a JSON array of 2 responses') }),
        }),
      ),
    );
  });

  test('fetches with different tokens are never batched together', async () => {
    answer = json(200, { data: { person: { name: 'alone' } } });
    await Promise.all([fetchFromSubgraph('D1', 'req-1', 'Bearer one'), fetchFromSubgraph('D2', 'req-2', 'Bearer two')]);
    expect(received.map((r) => [r.path, r.headers.authorization, Array.isArray(r.body)])).toEqual(
      expect.arrayContaining([
        ['/graphql', 'Bearer one', false],
        ['/graphql', 'Bearer two', false],
      ]),
    );
    expect(received).toHaveLength(2);
  });

  test('a turn of more fetches than a subgraph takes in one batch goes as several batches, each within the limit', async () => {
    batchAnswer = (operations) =>
      json(
        200,
        operations.map((o: any) => ({ data: { person: { name: o.variables.code } } })),
      );
    const responses = await Promise.all(Array.from({ length: 300 }, (_, i) => fetchFromSubgraph(`D${i}`, `req-${i}`)));
    expect(responses.map((r: any) => r.data.person.name)).toEqual(Array.from({ length: 300 }, (_, i) => `D${i}`));
    expect(received.map((r) => r.body.length).sort((a, b) => a - b)).toEqual([44, 256]);
  });

  test("large fetches of one turn go in batches that stay well under a subgraph's body limit", async () => {
    batchAnswer = (operations) =>
      json(
        200,
        operations.map(() => ({ data: { person: null } })),
      );
    const large = 'x'.repeat(5 * 1024 * 1024);
    await Promise.all([1, 2, 3].map((i) => fetchFromSubgraph(`${large}${i}`, `req-${i}`)));
    expect(received.map((r) => r.body.length)).toEqual([1, 1, 1]);
  });
});
