import { createServer, request, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import { Client } from 'pg';
import { signToken } from '@pq/http';
import { graphqlClient } from '../scripts/src/client';
import { launchServices, LaunchedServices } from '../scripts/src/processes';
import { TEST_JWT_SECRET } from './harness';

/** The services as separate processes from their built entry points, traced to an OTLP receiver of our own. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let receiver: Server;
let services: LaunchedServices;
const spans: { service: string; traceId: string; name: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const payload = JSON.parse(body || '{}');
      for (const resourceSpans of payload.resourceSpans ?? []) {
        const service = resourceSpans.resource.attributes.find((a: any) => a.key === 'service.name')?.value.stringValue;
        for (const scope of resourceSpans.scopeSpans ?? [])
          for (const span of scope.spans ?? []) spans.push({ service, traceId: span.traceId, name: span.name });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const receiverPort = await freePort();
  await new Promise<void>((resolve) => receiver.listen(receiverPort, '127.0.0.1', resolve));

  const database = `pq_test_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: process.env.PQ_TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();
  const databaseUrl = new URL(process.env.PQ_TEST_DATABASE_URL!);
  databaseUrl.pathname = `/${database}`;

  const ports = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'error',
    LOG_PRETTY: 'false',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiverPort}`,
    PORT: String(ports[4]),
    // Two gateway processes sharing the port, as on a gateway host of its own.
    GATEWAY_WORKERS: '2',
  };
  ['registry', 'scoring', 'agreements', 'appeals'].forEach((name, i) => {
    env[`${name.toUpperCase()}_PORT`] = String(ports[i]);
    env[`${name.toUpperCase()}_URL`] = `http://localhost:${ports[i]}/graphql`;
  });
  services = await launchServices(env);
}, 90_000);

afterAll(async () => {
  await services?.stop();
  receiver?.close();
});

test('one request is one trace across the gateway and the subgraphs it calls (W3C trace context over HTTP)', async () => {
  const query = graphqlClient(services.gatewayUrl, await signToken(TEST_JWT_SECRET, { sub: 'trace-test', role: 'NATIONAL_AGENCY' }));
  const imported = await query(
    `mutation { importInstitutions(input: { institutions: [{ code: "H37080200090", name: "济宁市第一人民医院", kind: MEDICAL, regionCode: "370802", agreementValidFrom: "2026-01-01", agreementValidUntil: "2026-12-31" }] }) { institutions { code } } }`,
  );
  expect(imported.errors).toBeUndefined();
  const answer = await query(`{ institution(code: "H37080200090") { name personnel { totalCount } } }`);
  expect(answer.data).toEqual({ institution: { name: '济宁市第一人民医院', personnel: { totalCount: 0 } } });

  const deadline = Date.now() + 20_000;
  let shared: string | undefined;
  while (!shared && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const servicesByTrace = new Map<string, Set<string>>();
    for (const span of spans) servicesByTrace.set(span.traceId, (servicesByTrace.get(span.traceId) ?? new Set()).add(span.service));
    shared = [...servicesByTrace].find(([, names]) => ['gateway', 'agreements', 'registry'].every((n) => names.has(n)))?.[0];
  }
  expect(shared).toBeDefined();
  expect(spans.filter((s) => s.traceId === shared).map((s) => s.service)).toEqual(expect.arrayContaining(['gateway', 'agreements', 'registry']));
}, 60_000);

/** One request on a connection of its own: the cluster hands each new connection to the next worker. */
function onNewConnection(url: string, method: 'GET' | 'POST', body?: string, authorization?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('with two gateway workers, every /metrics scrape counts the requests of both (summed by the primary)', async () => {
  const authorization = `Bearer ${await signToken(TEST_JWT_SECRET, { sub: 'metrics-test', role: 'NATIONAL_AGENCY' })}`;
  for (let i = 0; i < 10; i++) {
    expect(
      JSON.parse(await onNewConnection(services.gatewayUrl, 'POST', JSON.stringify({ query: 'query MetricsProbe { __typename }' }), authorization)),
    ).toEqual({ data: { __typename: 'Query' } });
  }
  const metricsUrl = new URL('/metrics', services.gatewayUrl).toString();
  const counted = [];
  for (let i = 0; i < 4; i++) {
    const text = await onNewConnection(metricsUrl, 'GET');
    counted.push(Number(/pq_graphql_request_duration_seconds_count\{[^}]*operation="MetricsProbe"[^}]*\} (\d+)/.exec(text)?.[1]));
  }
  expect(counted).toEqual([10, 10, 10, 10]);
});

test("SIGHUP reloads every subgraph's calendar and stops none of them", async () => {
  services.reloadCalendars();
  await new Promise((resolve) => setTimeout(resolve, 500));
  // The gateway is ready only while every subgraph answers.
  const ready = await fetch(new URL('/ready', services.gatewayUrl));
  expect(ready.status).toBe(200);
  expect(Array.isArray((await ready.json()).calendar.provisionalYears)).toBe(true);
});
