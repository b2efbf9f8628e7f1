import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import { Client } from 'pg';
import { signToken } from '@pq/http';
import { launchServices, LaunchedServices } from '../scripts/src/processes';
import { createDatabase, TEST_JWT_SECRET } from './harness';

/**
 * Issue #19, "SIGTERM is not graceful outside the tests": the real processes with
 * NODE_ENV=production (where Apollo Server would install its own termination handler), each
 * SIGTERMed under load. Every request already sent is answered in full, and no event is cut
 * mid-delivery: none that a subscriber applied is still waiting for its producer's acknowledgement.
 */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let services: LaunchedServices;
let databaseUrl: string;
let authorization: string;
const urls: Record<string, string> = {};

beforeAll(async () => {
  databaseUrl = await createDatabase(process.env.PQ_TEST_DATABASE_URL!, `pq_shutdown_${randomUUID().slice(0, 8)}`);
  const ports = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'error',
    LOG_PRETTY: 'false',
    PORT: String(ports[4]),
    SHUTDOWN_DELAY_MS: '300',
  };
  ['registry', 'scoring', 'agreements', 'appeals'].forEach((name, i) => {
    env[`${name.toUpperCase()}_PORT`] = String(ports[i]);
    env[`${name.toUpperCase()}_URL`] = urls[name] = `http://localhost:${ports[i]}/graphql`;
  });
  services = await launchServices(env);
  urls.gateway = services.gatewayUrl;
  authorization = `Bearer ${await signToken(TEST_JWT_SECRET, { sub: 'shutdown-test', role: 'NATIONAL_AGENCY', region: '' })}`;
}, 90_000);

afterAll(() => services?.stop());

/** One request on a connection of its own; resolves once it is written, with its outcome to come. */
function send(url: string, body: object): Promise<{ answer: Promise<string> }> {
  return new Promise((written) => {
    let settle!: (outcome: string) => void;
    const answer = new Promise<string>((resolve) => (settle = resolve));
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => settle(res.statusCode === 200 && !JSON.parse(text).errors ? 'ok' : `${res.statusCode} ${text.slice(0, 200)}`));
      res.on('error', (error) => settle(error.message));
    });
    req.on('error', (error) => settle(error.message));
    req.end(JSON.stringify(body), () => written({ answer }));
  });
}

const institutions = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    code: `H3708020${String(from + i).padStart(4, '0')}`,
    name: `济宁市第${from + i}医院`,
    kind: 'MEDICAL',
    regionCode: '370802',
    agreementValidFrom: '2026-01-01',
    agreementValidUntil: '2026-12-31',
  }));
const IMPORT = `mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code } } }`;

/** Sends the requests, SIGTERMs the service once they are all written, and gives their outcomes and the exit. */
async function underLoad(service: string, requests: { url: string; body: object }[]) {
  const sent = await Promise.all(requests.map(({ url, body }) => send(url, body)));
  await new Promise((resolve) => setTimeout(resolve, 20));
  services.signal(service, 'SIGTERM');
  const outcomes = await Promise.all(sent.map((s) => s.answer));
  return { outcomes, exit: await services.exited(service) };
}

const importInto = (from: number, count: number) => ({
  url: urls.agreements,
  body: { query: IMPORT, variables: { input: { institutions: institutions(from, count) } } },
});

test('SIGTERM to the gateway under load: every request sent is answered in full, and it exits 0', async () => {
  expect(await (await send(urls.agreements, importInto(1, 20).body)).answer).toBe('ok');
  const dashboard = { query: '{ institution(code: "H37080200001") { name personnel { totalCount } } }' };
  const { outcomes, exit } = await underLoad(
    'gateway',
    Array.from({ length: 40 }, () => ({ url: urls.gateway, body: dashboard })),
  );
  expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
  expect(exit).toEqual({ code: 0, signal: null });
}, 30_000);

test('SIGTERM to a subgraph receiving events: it answers the delivery in hand and exits 0', async () => {
  // Each import publishes 100 events to registry and to scoring.
  const sent = await Promise.all(Array.from({ length: 6 }, (_, i) => send(urls.agreements, importInto(100 + i * 100, 100).body)));
  await new Promise((resolve) => setTimeout(resolve, 300));
  services.signal('registry', 'SIGTERM');
  expect(await services.exited('registry')).toEqual({ code: 0, signal: null });
  expect((await Promise.all(sent.map((s) => s.answer))).filter((o) => o !== 'ok')).toEqual([]);
}, 60_000);

test('SIGTERM to a subgraph under load: the mutations in flight all commit and answer, its relay finishes its delivery, it exits 0', async () => {
  const { outcomes, exit } = await underLoad(
    'agreements',
    Array.from({ length: 6 }, (_, i) => importInto(1000 + i * 100, 100)),
  );
  expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
  expect(exit).toEqual({ code: 0, signal: null });
  await services.stop();

  // An event cut mid-delivery is one its subscriber applied while the producer never heard so.
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const subscriber of ['registry', 'scoring']) {
      const { rows } = await client.query(
        `select count(*) filter (where exists (select 1 from "${subscriber}".processed_event pe where pe.id = e.id))::int as cut, count(*)::int as pending
           from agreements.outbox_pending p join agreements.outbox_event e on e.seq = p.seq where p.subscriber = $1`,
        [subscriber],
      );
      const [{ applied }] = (await client.query(`select count(*)::int as applied from "${subscriber}".processed_event where source = 'agreements'`)).rows;
      process.stdout.write(`${subscriber}: ${applied} events applied, ${rows[0].pending} still pending, ${rows[0].cut} cut mid-delivery\n`);
      expect(rows[0].cut).toBe(0);
      expect(applied).toBeGreaterThan(0);
    }
  } finally {
    await client.end();
  }
}, 60_000);
