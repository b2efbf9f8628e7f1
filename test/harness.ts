import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { agreementsSubgraph } from '@pq/agreements';
import { appealsSubgraph } from '@pq/appeals';
import { startGateway } from '@pq/gateway';
import { Caller } from '@pq/caller';
import { observeRequestStatements } from '@pq/data';
import { createLogger, signToken, SubgraphName, SUBGRAPHS, TokenClaims } from '@pq/http';
import { RunningService, runScheduledJob, ServiceOptions, startSubgraph, SubgraphDefinition } from '@pq/subgraph';
import { IsoDate, ManualClock } from '@pq/time';
import { WorkingDayCalendar } from '@pq/time/files';
import { registrySubgraph } from '@pq/registry';
import { scoringSubgraph } from '@pq/scoring';
import { GraphQLResponse, graphqlClient } from '../scripts/src/client';
import { buildManifest, loadOperations } from '../scripts/src/operations';
import { MULTI_SITE_DOCTOR, seedDemo } from '../scripts/src/demo';

export const TEST_JWT_SECRET = 'test-secret-for-the-end-to-end-harness';
const definitions: Record<SubgraphName, SubgraphDefinition<any>> = {
  registry: registrySubgraph,
  scoring: scoringSubgraph,
  agreements: agreementsSubgraph,
  appeals: appealsSubgraph,
};

export interface Stack {
  url: string;
  clock: ManualClock;
  /** The working-day calendar every subgraph shares: `calendar.reload()` as SIGHUP does. */
  calendar: WorkingDayCalendar;
  services: Record<SubgraphName, RunningService>;
  /** The database the services share (null with a database per subgraph): another stack started on it is this one restarted. */
  databaseUrl: string | null;
  /** Runs an operation through the gateway as the given caller (a national agency by default, `null` for no token). */
  query<T = any>(query: string, variables?: Record<string, unknown>, as?: Partial<Caller> | null): Promise<GraphQLResponse<T>>;
  /** Runs an operation and returns its SQL statement count across all subgraphs. */
  countStatements(query: string, variables?: Record<string, unknown>): Promise<{ response: GraphQLResponse; statements: number }>;
  token(claims: Partial<TokenClaims>): Promise<string>;
  /** Resolves once every committed event has been delivered and applied. */
  eventsDelivered(): Promise<void>;
  /** Runs a subgraph's scheduled job now, as its timer would, on the stack's today. */
  runScheduledJob(subgraph: SubgraphName): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Ports for a stack's services, each jest worker from a range of its own below the kernel's
 * ephemeral ports: a port the kernel just handed out and took back could go to another worker's
 * stack before this one binds it.
 */
const PORTS_PER_WORKER = 4000;
let nextPort = 20_000 + (Number(process.env.JEST_WORKER_ID ?? 1) - 1) * PORTS_PER_WORKER + Math.floor(Math.random() * 1000);

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = nextPort++;
    if (await bindable(port)) return port;
  }
}

export async function createDatabase(baseUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: baseUrl });
  await client.connect();
  await client.query(`create database "${name}"`);
  await client.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const statementsByRequest = new Map<string, number>();
observeRequestStatements((requestId, _service, statements) => {
  statementsByRequest.set(requestId, (statementsByRequest.get(requestId) ?? 0) + statements);
});

/**
 * Starts the four subgraphs and the gateway in this process, on free ports, against a fresh
 * database (or one per subgraph), with a clock the test controls.
 */
export async function startStack(
  options: {
    today?: IsoDate;
    databasePerSubgraph?: boolean;
    calendarDirectory?: string;
    events?: ServiceOptions['events'];
    /** The PostgreSQL server to create the stack's database in (default: the test run's, PQ_TEST_DATABASE_URL). */
    databaseServerUrl?: string;
    /** An existing stack's database (`stack.databaseUrl`) instead of a new one: that stack restarted. */
    databaseUrl?: string;
  } = {},
): Promise<Stack> {
  const baseUrl = options.databaseServerUrl ?? process.env.PQ_TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('PQ_TEST_DATABASE_URL is not set: run the tests with jest (test/global-setup.mjs)');
  const clock = new ManualClock(options.today ?? '2026-03-16');
  const calendar = new WorkingDayCalendar({ directory: options.calendarDirectory });
  const stackId = randomUUID().slice(0, 8);
  const sharedUrl = options.databaseUrl ?? (options.databasePerSubgraph ? null : await createDatabase(baseUrl, `pq_test_${stackId}`));
  const ports = await Promise.all(SUBGRAPHS.map(() => freePort()));
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name, i) => [name, `http://localhost:${ports[i]}/graphql`])) as Record<SubgraphName, string>;
  // Unexpected errors are masked in responses; the log shows them when a test fails.
  const logger = createLogger('test', process.env.LOG_LEVEL ?? 'error');

  const started = await Promise.all(
    SUBGRAPHS.map(async (name, i) =>
      startSubgraph(definitions[name], {
        port: ports[i],
        databaseUrl: sharedUrl ?? (await createDatabase(baseUrl, `pq_test_${stackId}_${name}`)),
        subgraphUrls,
        jwtSecret: TEST_JWT_SECRET,
        clock,
        calendar,
        logger,
        events: options.events,
      }),
    ),
  );
  const services = Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, RunningService>;
  const gateway = await startGateway({
    port: 0,
    supergraphSdl: readFileSync(path.resolve(__dirname, '../schema/supergraph.graphql'), 'utf8'),
    subgraphUrls,
    jwtSecret: TEST_JWT_SECRET,
    manifest: buildManifest(),
    graphiql: { query: loadOperations().Dashboard, variables: { code: 'D370802000123' } },
    logger,
  });
  const client = graphqlClient(gateway.url);

  const token = (claims: Partial<TokenClaims>) =>
    signToken(TEST_JWT_SECRET, { sub: `test-${claims.role ?? 'NATIONAL_AGENCY'}`, role: 'NATIONAL_AGENCY', region: '', ...claims });
  const agencyToken = await token({});

  const pendingEvents = async () => {
    let pending = 0;
    for (const service of started) {
      const [row] = await service.orm.em.fork().getConnection().execute(`select count(*)::int as n from "${service.name}".outbox_pending`);
      pending += row.n;
    }
    return pending;
  };

  return {
    url: gateway.url,
    clock,
    calendar,
    services,
    databaseUrl: sharedUrl,
    async query(query, variables = {}, as = {}) {
      const bearer = as === null ? undefined : Object.keys(as).length === 0 ? agencyToken : await token(as as Partial<TokenClaims>);
      return client(query, variables, bearer);
    },
    async countStatements(query, variables = {}) {
      const requestId = randomUUID();
      const http = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agencyToken}`, 'x-request-id': requestId },
        body: JSON.stringify({ query, variables }),
      });
      const response = (await http.json()) as GraphQLResponse;
      return { response, statements: statementsByRequest.get(requestId) ?? 0 };
    },
    token,
    async eventsDelivered() {
      const deadline = Date.now() + 15_000;
      for (;;) {
        for (const service of started) service.relay.wake();
        await Promise.all(started.map((s) => s.relay.idle()));
        if ((await pendingEvents()) === 0) return;
        if (Date.now() > deadline) throw new Error(`events still pending after 15 s: ${await pendingEvents()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    runScheduledJob(subgraph) {
      return runScheduledJob(subgraph, definitions[subgraph].scheduled!, services[subgraph].orm, logger, clock.today());
    },
    async stop() {
      await gateway.stop();
      await Promise.all(started.map((s) => s.stop()));
    },
  };
}

/** A stack with the demo data loaded (as `npm start` loads it) and every event applied. */
export async function startSeededStack(today = '2026-03-16', options: { calendarDirectory?: string } = {}): Promise<Stack> {
  const stack = await startStack({ today, ...options });
  const agency = await stack.token({});
  const doctor = await stack.token({ role: 'PERSON', person: MULTI_SITE_DOCTOR, region: '370802' });
  await seedDemo(graphqlClient(stack.url), { agency, doctor }, today);
  await stack.eventsDelivered();
  return stack;
}

/** The codes of a response's errors, and of their refused entries. */
export function errorCodes(response: GraphQLResponse): { code?: string; entries?: { index: number; code: string; until?: string }[] }[] {
  return (response.errors ?? []).map((e) => ({ code: e.extensions?.code, ...(e.extensions?.entries ? { entries: e.extensions.entries as never } : {}) }));
}

/** Rows in every table of every subgraph (migration bookkeeping aside): a refused request changes none. */
export async function countRows(stack: Stack): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const service of Object.values(stack.services)) {
    const connection = service.orm.em.fork().getConnection();
    const tables: { table_name: string }[] = await connection.execute(
      `select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%'`,
      [service.name],
    );
    for (const { table_name } of tables) {
      const [row] = await connection.execute(`select count(*)::int as n from "${service.name}"."${table_name}"`);
      counts[`${service.name}.${table_name}`] = row.n;
    }
  }
  return counts;
}

/** POSTs a body (a JSON value, or raw text) to a URL as the gateway or a client would; the answer's status and parsed body. */
export async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}
