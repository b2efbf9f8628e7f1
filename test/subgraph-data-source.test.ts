import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { GraphQLDataSourceRequestKind } from '@apollo/gateway';
import { createMetrics, readBody } from '@pq/kit';
import { Agent } from 'undici';
import { SubgraphDataSource } from '../gateway/src/gateway';

/** A stand-in subgraph answering what each test sets, recording what it received. */
let answer: { status: number; contentType: string; body: string };
let received: { headers: IncomingMessage['headers']; body: any }[] = [];
let server: Server;
let agent: Agent;
let source: SubgraphDataSource;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received.push({ headers: req.headers, body: JSON.parse(await readBody(req)) });
    res.writeHead(answer.status, { 'content-type': answer.contentType });
    res.end(answer.body);
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

const fetchFromSubgraph = () =>
  source.process({
    kind: 'incoming operation' as GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: 'query($code: ID!) { person(code: $code) { name } }', variables: { code: 'D1' }, operationName: 'Dashboard__registry__0' },
    context: { authorization: 'Bearer caller-token', requestId: 'req-1', role: 'NATIONAL_AGENCY' },
    incomingRequestContext: {} as never,
  });

describe('SubgraphDataSource: the gateway’s fetch to a subgraph', () => {
  test('sends the operation with the caller’s token and request id, and returns the subgraph’s answer, errors included', async () => {
    answer = { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ data: { person: null }, errors: [{ message: 'out of scope', extensions: { code: 'FORBIDDEN' } }] }) };
    const response = await fetchFromSubgraph();
    expect(response).toEqual({ data: { person: null }, errors: [{ message: 'out of scope', extensions: { code: 'FORBIDDEN' } }] });
    expect(received).toHaveLength(1);
    expect(received[0].headers).toMatchObject({ authorization: 'Bearer caller-token', 'x-request-id': 'req-1', 'content-type': 'application/json' });
    expect(received[0].body).toEqual({ query: 'query($code: ID!) { person(code: $code) { name } }', variables: { code: 'D1' }, operationName: 'Dashboard__registry__0' });
  });

  test('a failing subgraph becomes a GraphQL error carrying its status and body, as with RemoteGraphQLDataSource', async () => {
    answer = { status: 502, contentType: 'text/plain', body: 'upstream down' };
    await expect(fetchFromSubgraph()).rejects.toMatchObject({ message: '502: Bad Gateway', extensions: { response: { status: 502, body: 'upstream down' } } });
  });

  test.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
  ])('HTTP %s from a subgraph carries the code %s', async (status, code) => {
    answer = { status, contentType: 'application/json', body: JSON.stringify({ error: 'no' }) };
    await expect(fetchFromSubgraph()).rejects.toMatchObject({ extensions: { code, response: { status, body: { error: 'no' } } } });
  });
});
