import { spawn, ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { SubgraphDataSource } from '@pq/gateway';
import { createMetrics, DEVELOPMENT_JWT_SECRET, signToken, SUBGRAPHS } from '@pq/http';
import type { GraphQLResponse } from './client';
import { startEmbeddedPostgres } from './database';
import { loadOperations, operationHash } from './operations';
import { busyResources, launchServices } from './processes';
import { DatabaseRun, markdown, Row, RunContext, updateResults } from './bench-results';
import { personCode, personIdNumber } from './scale-data';
import {
  AUDIT_IN_FLIGHT,
  CLAIM_BATCH,
  claimLines,
  eligibilityVariables,
  measuringSharedBuffers,
  pageInstitutions,
  prewarm,
  recordScoresVariables,
  measuringCopy,
  dropDatabase,
  percentiles,
  sampleRows,
  sendAudits,
  Site,
} from './scale-samples';
import { SCALE_DATABASE, sizedScaleDatabase } from './seed-scale-database';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS = path.join(ROOT, 'bench/results');
const HIVE_DIR = path.join(ROOT, 'bench/hive');
const GRAFBASE_DIR = path.join(ROOT, 'bench/grafbase');
const DATA_DIR = path.join(ROOT, '.data/postgres');
/** The default ports (those of `npm start`); `--port-base` moves them all, PostgreSQL to the base + 20. */
const DEFAULT_PORT_BASE = 4000;
const DEFAULT_POSTGRES_PORT = 54329;
const POSTGRES_OFFSET = 20;
/** Each service's port as an offset from the port base (gateway 4000, registry 4001, …, the peer gateways 4010 to 4012). */
const PORT_OFFSETS = { gateway: 0, registry: 1, scoring: 2, agreements: 3, appeals: 4, hive: 10, hiveTuned: 11, grafbase: 12 } as const;
let portBase = DEFAULT_PORT_BASE;
const portOf = (service: keyof typeof PORT_OFFSETS) => portBase + PORT_OFFSETS[service];
const gatewayUrl = () => `http://localhost:${portOf('gateway')}/graphql`;
const SUBGRAPH = (port: number) => `http://localhost:${port}`;
const subgraphPorts = () => [portOf('registry'), portOf('scoring'), portOf('agreements'), portOf('appeals')];
/**
 * The scenarios `--only` selects by name. The dashboards run together (their ratios are
 * taken in turns); `audit` is the claims audit.
 */
const SCENARIOS = ['dashboard', 'eligibility', 'page100', 'page10', 'analytics', 'recordScores', 'registerPersonnel', 'audit', 'claimsFile', 'export'] as const;
type ScenarioName = (typeof SCENARIOS)[number];
/**
 * The dashboards are measured in turns (ours, direct, the peers; again; again), each turn half a
 * scenario's seconds, and each row pools its turns. Their targets are ratios, and the machine's
 * speed drifts within minutes (the calibration line): measured one after the other, a ratio also
 * carried whatever drift fell between its two measurements; in turns they all share the phases.
 */
const DASHBOARD_TURNS = 3;

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

/** What one measured stretch of load recorded; a row pools one or several (the dashboards' turns). */
interface Sample {
  seconds: number;
  /** Every response time, for exact percentiles (autocannon's summary has p97.5 but no p95). */
  latencies: number[];
  errors: number;
  /** SQL statements the subgraphs sent meanwhile. */
  statements: number;
}

function rowOf(scenario: string, connections: number, samples: Sample[], sqlAlone: number | null, note?: string): Row {
  const latencies = samples.flatMap((sample) => sample.latencies);
  const total = (field: 'seconds' | 'errors' | 'statements') => samples.reduce((sum, sample) => sum + sample[field], 0);
  return {
    scenario,
    connections,
    requests: latencies.length,
    rps: Math.round(latencies.length / total('seconds')),
    ...percentiles(latencies),
    errors: total('errors'),
    sqlPerRequest: latencies.length ? Math.round((total('statements') / latencies.length) * 10) / 10 : null,
    sqlAlone,
    note,
  };
}

/** SQL statements all subgraphs sent, from their /metrics. */
async function sqlStatementsSoFar(): Promise<number> {
  let total = 0;
  for (const port of subgraphPorts()) {
    const text = await (await fetch(`${SUBGRAPH(port)}/metrics`)).text();
    total += Number(/pq_sql_statements_per_request_sum\{[^}]*\} ([\d.e+]+)/.exec(text)?.[1] ?? 0);
  }
  return total;
}

/** The SQL statements of one request sent while nothing else runs. */
async function statementsAlone(url: string, token: string, body: string): Promise<number> {
  // A load's last requests are still finishing in the subgraphs when the load generator stops.
  let before = await sqlStatementsSoFar();
  for (let settled = -1; settled !== before;) {
    settled = before;
    await new Promise((resolve) => setTimeout(resolve, 500));
    before = await sqlStatementsSoFar();
  }
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  await response.text();
  return (await sqlStatementsSoFar()) - before;
}

/** Distinct request bodies a run cycles through, built before it starts. */
const PREBUILT_BODIES = 5_000;

/**
 * The machine's speed at the time of a run. Shared vCPUs drift: on the 2-core machine of bench/HISTORY.md
 * the same code's CPU time per request nearly doubled between phases of one day, so a run's figures
 * mean little without it. Times one fixed piece of single-threaded work — JSON round trips of a
 * dashboard-sized answer, the services' commonest work — while the services are idle.
 */
function calibrationMs(): number {
  const registrations = Array.from({ length: 20 }, (_, i) => ({
    status: 'NORMAL',
    institution: { code: `H370802${String(i).padStart(5, '0')}`, name: '济宁市第一人民医院', agreement: { status: 'ACTIVE', validUntil: '2026-12-31' } },
  }));
  const answer = {
    data: { person: { code: 'D370802000123', name: '多点医师', status: 'NORMAL', points: 3, activeSanction: null, registrations, openAppeals: [] } },
  };
  const started = performance.now();
  for (let i = 0; i < 20_000; i++) JSON.parse(JSON.stringify(answer));
  return Math.round(performance.now() - started);
}

interface LoadOptions {
  connections: number;
  seconds: number;
  /** Send the operation's hash instead of its text, as production clients do (PERSISTED_ONLY=true). */
  persisted?: boolean;
  /** Every request needs variables of its own (a new decision number), built as it is sent. */
  fresh?: boolean;
}

/**
 * One autocannon run of a GraphQL operation with random variables. The bodies are built before the
 * run (unless `fresh`): on two shared cores the load generator's own JSON work would otherwise be
 * taken from the services it measures.
 */
function requestBody(query: string, variables: object, persisted = false): string {
  return JSON.stringify({ ...(persisted ? { extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(query) } } } : { query }), variables });
}

async function load(url: string, token: string, query: string, variables: () => object, options: LoadOptions): Promise<Sample> {
  const body = () => requestBody(query, variables(), options.persisted);
  const bodies = options.fresh ? [] : Array.from({ length: PREBUILT_BODIES }, body);
  let sent = 0;
  // A refused operation still answers 200: its GraphQL errors count as errors, not as throughput.
  let refused = 0;
  const before = await sqlStatementsSoFar();
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: (request: autocannon.Request) => ({ ...request, body: options.fresh ? body() : bodies[sent++ % bodies.length] }),
            onResponse: (_status: number, responseBody: string) => {
              if (responseBody.includes('"errors":')) refused++;
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    run.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  return { seconds: options.seconds, latencies, errors: result.errors + result.non2xx + refused, statements: (await sqlStatementsSoFar()) - before };
}

/** The gateway's fetcher for each subgraph, for the direct limit, on keep-alive connections of its own. */
function directSources(dispatcher: Agent): Record<number, SubgraphDataSource> {
  const metrics = createMetrics('bench-direct');
  return Object.fromEntries(subgraphPorts().map((port) => [port, new SubgraphDataSource(`${SUBGRAPH(port)}/graphql`, String(port), dispatcher, metrics)]));
}

/**
 * The physical limit for the dashboard: the same fetches the gateway's plan makes (registry, then
 * agreements, scoring and appeals in parallel), sent straight to the subgraphs by the gateway's own
 * fetcher (SubgraphDataSource: keep-alive connections, concurrent fetches batched per subgraph),
 * without the gateway's planning, execution and HTTP server. A closed loop of our own, since each
 * request is four dependent requests.
 */
async function directDashboard(
  token: string,
  codes: string[],
  sources: Record<number, SubgraphDataSource>,
  options: { connections: number; seconds: number },
): Promise<Sample> {
  let fetches = 0;
  const post = <T>(port: number, query: string, variables: Record<string, unknown>) =>
    sources[port]
      .process({
        kind: 'incoming operation' as Parameters<SubgraphDataSource['process']>[0]['kind'],
        request: { query, variables },
        context: { authorization: `Bearer ${token}`, requestId: `direct-${fetches++}`, role: 'NATIONAL_AGENCY' },
        incomingRequestContext: {} as never,
      })
      .catch((error: Error) => ({ errors: [error] })) as Promise<GraphQLResponse<T>>;
  const entities = (fields: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ${fields} } }`;
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + options.seconds * 1000;
  const before = await sqlStatementsSoFar();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (Date.now() < end) {
        const started = performance.now();
        const code = pick(codes);
        const person = await post<{ person: { registrations: { institution: { code: string } }[] } | null }>(
          portOf('registry'),
          `query($code: ID!) { person(code: $code) { code name status registrations { status institution { __typename code } } } }`,
          { code },
        );
        const registrations: { institution: { code: string } }[] = person.data?.person?.registrations ?? [];
        const [agreements, scoring, appeals] = await Promise.all([
          registrations.length
            ? post(portOf('agreements'), entities('... on Institution { name agreement { status validUntil } }'), {
                r: registrations.map((r) => ({ __typename: 'Institution', code: r.institution.code })),
              })
            : {},
          post(portOf('scoring'), entities('... on Person { points activeSanction { kind from until } }'), { r: [{ __typename: 'Person', code }] }),
          post(portOf('appeals'), entities('... on Person { openAppeals { id status filedOn decideBy } }'), { r: [{ __typename: 'Person', code }] }),
        ]);
        if (person.errors || ('errors' in agreements && agreements.errors) || scoring.errors || appeals.errors) errors++;
        latencies.push(performance.now() - started);
      }
    }),
  );
  const statements = (await sqlStatementsSoFar()) - before;
  return { seconds: options.seconds, latencies, errors, statements };
}

/**
 * The peer gateways, on the same subgraphs, each installed into its folder under bench/ on first
 * use and given as many workers as our gateway so they get the same share of the cores: Hive
 * Gateway with its defaults (gateway.config.ts) and as its documentation recommends for throughput
 * (gateway.tuned.config.ts: the Rust query planner of @graphql-hive/router-runtime), and Grafbase's
 * Rust gateway as its CLI's `grafbase dev` serves it (the standalone grafbase-gateway binary is not
 * on npm). They read the subgraphs' URLs from committed files: they run on the default ports only.
 */
const PEERS = {
  hive: hivePeer('dashboard — Hive Gateway', 'gateway.config.ts', PORT_OFFSETS.hive),
  hiveTuned: hivePeer('dashboard — Hive Gateway, tuned (Rust query planner)', 'gateway.tuned.config.ts', PORT_OFFSETS.hiveTuned),
  grafbase: {
    scenario: 'dashboard — Grafbase Gateway (grafbase dev, Rust)',
    dir: GRAFBASE_DIR,
    port: DEFAULT_PORT_BASE + PORT_OFFSETS.grafbase,
    installed: ['@grafbase/cli-x86_64-unknown-linux-musl'],
    command: (workers: number, port: number) => ({
      file: path.join(GRAFBASE_DIR, 'node_modules/@grafbase/cli-x86_64-unknown-linux-musl/grafbase'),
      args: ['dev', '--config', 'grafbase.toml', '--port', String(port)],
      // Tokio's worker threads, the Rust counterpart of our gateway's worker processes.
      env: { TOKIO_WORKER_THREADS: String(workers) },
    }),
  },
} as const;
type Peer = keyof typeof PEERS;
const peerUrl = (peer: Peer) => `http://localhost:${PEERS[peer].port}/graphql`;

function hivePeer(scenario: string, config: string, portOffset: number) {
  const bin = path.join(HIVE_DIR, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  return {
    scenario,
    dir: HIVE_DIR,
    port: DEFAULT_PORT_BASE + portOffset,
    installed: ['@graphql-hive/gateway', '@graphql-hive/router-runtime'],
    command: (workers: number, port: number) => ({
      file: process.execPath,
      args: [bin, 'supergraph', '--config-path', config, '--port', String(port), '--fork', String(workers)],
      env: {},
    }),
  };
}

async function startPeer(workers: number, peer: Peer): Promise<ChildProcess | null> {
  const { dir, port, installed, command } = PEERS[peer];
  try {
    if (!installed.every((pkg) => existsSync(path.join(dir, 'node_modules', pkg)))) {
      process.stdout.write(`installing ${path.relative(ROOT, dir)} for the comparison (first run only)…\n`);
      execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    }
    const { file, args, env } = command(workers, port);
    const child = spawn(file, args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production', ...env } });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const answer = await fetch(peerUrl(peer), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then(
        (r) => (r.ok ? (r.json() as Promise<GraphQLResponse<{ __typename?: string }>>) : null),
        () => null,
      );
      if (answer?.data?.__typename === 'Query') return child;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    child.kill();
    process.stderr.write(`${PEERS[peer].scenario}: did not answer within 30 s\n`);
  } catch (error) {
    process.stderr.write(`${PEERS[peer].scenario} unavailable: ${(error as Error).message}\n`);
  }
  return null;
}

interface BenchOptions {
  seconds: number;
  connections: number;
  claims: number;
  claimsFile: number;
  wanted: (scenario: ScenarioName) => boolean;
  gatewayWorkers: number;
  /** The peer gateways read the subgraphs' URLs from committed files: they run on the default ports only. */
  withPeers: boolean;
}

/**
 * The claims audit from a file: a month of lines (10,000,000 by default) generated as they are
 * sent, never held, in CSV into POST /claims/audit through the gateway, as one request. The lines
 * repeat a month's sites: the sampled registrations over thirty days, a twentieth emergencies.
 */
async function benchClaimsFile(gateway: string, token: string, sites: Site[], totalLines: number): Promise<number> {
  const days = Array.from({ length: 30 }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`);
  async function* file() {
    yield Buffer.from('lineId,personCode,institutionCode,serviceDate,emergency,amount\n');
    for (let start = 0; start < totalLines; start += 10_000) {
      let text = '';
      for (let i = start; i < Math.min(totalLines, start + 10_000); i++) {
        const s = sites[i % sites.length];
        text += `F${i},${s.person_code},${s.institution_code},${days[(i >> 4) % 30]},${i % 20 === 0},100\n`;
      }
      yield Buffer.from(text);
    }
  }
  const started = performance.now();
  const response = await request(gateway.replace('/graphql', '/claims/audit'), {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson', authorization: `Bearer ${token}` },
    body: Readable.from(file()),
  });
  if (response.statusCode !== 200) throw new Error(`POST /claims/audit answered ${response.statusCode}: ${(await response.body.text()).slice(0, 500)}`);
  // The answer read as it comes, its last line (the summary) kept.
  let tail = '';
  const decoder = new TextDecoder();
  for await (const piece of response.body as AsyncIterable<Uint8Array>) tail = (tail + decoder.decode(piece, { stream: true })).slice(-4096);
  const linesPerSecond = Math.round(totalLines / ((performance.now() - started) / 1000));
  const { summary } = JSON.parse(tail.trimEnd().split('\n').pop()!) as { summary: { checked: number; rejectedCount: number } };
  process.stdout.write(`claims audit from a file: ${summary.checked} lines (${summary.rejectedCount} rejected): ${linesPerSecond} lines/s\n`);
  return linesPerSecond;
}

/**
 * The persons of the seeded province (region 37) with status and points, exported through the
 * gateway as NDJSON and read to the end as a client would: rows per second and seconds.
 */
async function measureExport(gateway: string, token: string): Promise<{ rows: number; seconds: number; rowsPerSecond: number }> {
  const started = performance.now();
  const response = await fetch(new URL('/export/persons?region=37', gateway), { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  let rows = 0;
  for await (const chunk of response.body) for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) rows++;
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds: Number(seconds.toFixed(1)), rowsPerSecond: Math.round(rows / seconds) };
}

/** Every selected scenario on one database: the services started on it, measured, stopped. */
async function benchDatabase(database: string, databaseUrl: string, options: BenchOptions): Promise<Omit<DatabaseRun, 'calibrationMs'>> {
  const { seconds, connections, wanted, gatewayWorkers } = options;
  const GATEWAY = gatewayUrl();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await prewarm(client);
  const { persons, codes, sites } = await sampleRows(client);
  if (persons === 0) throw new Error(`no data in ${database}: run \`npm run seed:scale\` first`);
  const bigInstitutions = await pageInstitutions(client);
  const regionRecords = (
    await client.query(`select count(*)::int as n from scoring.score_record where year = 2026 and substr(institution_code, 2, 4) = '3708'`)
  ).rows[0].n as number;
  await client.end();

  const services = await launchServices({
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    JWT_SECRET: process.env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    NODE_ENV: 'production',
    GATEWAY_WORKERS: String(gatewayWorkers),
    PORT: String(portOf('gateway')),
    ...Object.fromEntries(
      SUBGRAPHS.flatMap((name) => [
        [`${name.toUpperCase()}_PORT`, String(portOf(name))],
        [`${name.toUpperCase()}_URL`, `${SUBGRAPH(portOf(name))}/graphql`],
      ]),
    ),
  });
  const token = await signToken(process.env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, { sub: 'bench', role: 'NATIONAL_AGENCY', region: '' }, '2h');
  const ops = loadOperations();
  const rows: Row[] = [];
  const record = (row: Row) => {
    rows.push(row);
    process.stdout.write(
      `${row.scenario}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, SQL/request ${row.sqlPerRequest} (alone ${row.sqlAlone ?? '—'})\n`,
    );
    return row;
  };
  const opts = { connections, seconds };
  const peers: { peer: Peer; child: ChildProcess }[] = [];
  if (wanted('dashboard') && options.withPeers) {
    for (const peer of Object.keys(PEERS) as Peer[]) {
      const child = await startPeer(gatewayWorkers, peer);
      if (child) peers.push({ peer, child });
    }
  }
  const stopPeers = () => peers.forEach(({ child }) => child.kill());
  const directAgent = new Agent({ keepAliveTimeout: 60_000, connections });
  const ratios: Record<string, string> = {};
  let linesPerSecond: number | null = null;
  try {
    /**
     * Each scenario is measured after a warm-up with the same connections, not recorded: the JIT,
     * the connection pools and each connection's prepared statements settle first (the first ten
     * seconds after a start ran at about two thirds of the settled rate). The gateways get longer.
     */
    const measure = async (scenario: string, url: string, query: string, variables: () => object, options: LoadOptions, warmUpSeconds = 3) => {
      await load(url, token, query, variables, { ...options, seconds: warmUpSeconds });
      const sample = await load(url, token, query, variables, options);
      const alone = await statementsAlone(url, token, requestBody(query, variables(), options.persisted));
      return record(rowOf(scenario, options.connections, [sample], alone, options.persisted ? 'sent by hash' : undefined));
    };
    if (wanted('dashboard')) {
      const dashboardVariables = () => ({ code: pick(codes) });
      const dashboardAlone = (url: string) => () => statementsAlone(url, token, requestBody(ops.Dashboard, dashboardVariables()));
      const directFetchers = directSources(directAgent);
      const dashboards = [
        {
          scenario: 'dashboard — our gateway',
          warmUpSeconds: 10,
          take: (turnSeconds: number) => load(GATEWAY, token, ops.Dashboard, dashboardVariables, { ...opts, seconds: turnSeconds }),
          alone: dashboardAlone(GATEWAY),
        },
        {
          scenario: 'dashboard — subgraphs directly (physical limit)',
          warmUpSeconds: 3,
          take: (turnSeconds: number) => directDashboard(token, codes, directFetchers, { ...opts, seconds: turnSeconds }),
          alone: async () => null,
        },
        ...peers.map(({ peer }) => ({
          scenario: PEERS[peer].scenario,
          warmUpSeconds: 10,
          take: (turnSeconds: number) => load(peerUrl(peer), token, ops.Dashboard, dashboardVariables, { ...opts, seconds: turnSeconds }),
          alone: dashboardAlone(peerUrl(peer)),
        })),
      ];
      for (const dashboard of dashboards) await dashboard.take(dashboard.warmUpSeconds);
      const turns: Sample[][] = dashboards.map(() => []);
      for (let turn = 0; turn < DASHBOARD_TURNS; turn++) {
        for (const [i, dashboard] of dashboards.entries()) turns[i].push(await dashboard.take(seconds / 2));
      }
      const alone: (number | null)[] = [];
      for (const dashboard of dashboards) alone.push(await dashboard.alone());
      stopPeers();
      const dashboardRows = dashboards.map((dashboard, i) => record(rowOf(dashboard.scenario, connections, turns[i], alone[i])));
      const [gatewayDashboard, direct] = dashboardRows;
      // Our gateway is compared with the best of the peers' set-ups.
      const bestPeer = dashboardRows.slice(2).reduce<Row | null>((best, row) => (best && best.rps >= row.rps ? best : row), null);
      ratios['dashboard, our gateway ÷ direct limit'] = `${(gatewayDashboard.rps / direct.rps).toFixed(2)} (target ≥ 0.8)`;
      ratios['dashboard, our gateway ÷ the best peer gateway'] = bestPeer
        ? `${(gatewayDashboard.rps / bestPeer.rps).toFixed(2)} against ${bestPeer.scenario} (target > 1)`
        : options.withPeers
          ? 'no peer gateway available'
          : 'peer gateways not run (they run on the default ports only)';
      ratios['dashboard p99 at 32 connections'] = `${gatewayDashboard.p99} ms (target ≤ 150)`;
    }
    // The users' other operations arrive as production clients send them: persisted, by hash.
    const persisted = { ...opts, persisted: true };
    if (wanted('eligibility')) {
      const eligibility = await measure('paymentEligibility', GATEWAY, ops.PaymentEligibility, () => eligibilityVariables(pick(sites)), persisted);
      ratios.paymentEligibility = `${eligibility.rps} req/s (target ≥ 2000)`;
    }
    const page100 = wanted('page100')
      ? await measure(
          'institution personnel page of 100, with points and open appeals',
          GATEWAY,
          ops.InstitutionPersonnel,
          () => ({ code: pick(bigInstitutions), first: 100 }),
          persisted,
        )
      : null;
    const page10 = wanted('page10')
      ? await measure(
          'institution personnel page of 10, with points and open appeals',
          GATEWAY,
          ops.InstitutionPersonnel,
          () => ({ code: pick(bigInstitutions), first: 10 }),
          { connections: 8, seconds: Math.max(3, seconds / 2), persisted: true },
        )
      : null;
    if (page10 && page100) ratios['SQL statements of one request alone, page of 10 vs 100'] = `${page10.sqlAlone} vs ${page100.sqlAlone} (target: the same)`;
    if (wanted('analytics')) {
      const analytics = await measure(
        'analytics: one city, one year (yearlySummary 3708/2026)',
        GATEWAY,
        ops.YearlySummary,
        () => ({ regionPrefix: '3708', year: 2026 }),
        { connections: 2, seconds, persisted: true },
      );
      ratios['analytics p50'] = `${analytics.p50} ms (target ≤ 1000)`;
    }
    if (wanted('recordScores')) {
      let decision = 0;
      const scores = await measure(
        'recordScores (one decision, one person)',
        GATEWAY,
        ops.RecordScores,
        () => recordScoresVariables(pick(sites), `BENCH-${Date.now()}-${decision++}`),
        { connections: 8, seconds, persisted: true, fresh: true },
      );
      ratios['recordScores, durable commits'] = `${scores.rps} decisions/s (target ≥ 150)`;
    }
    if (wanted('registerPersonnel')) {
      // New persons after the seeded ones (and those earlier runs registered), with valid codes and ID numbers.
      let next = persons;
      await measure(
        'registerPersonnel (one new person)',
        GATEWAY,
        ops.RegisterPersonnel,
        () => {
          const index = next++;
          return {
            input: {
              institutionCode: pick(sites).institution_code,
              people: [{ code: personCode(index), name: `新登记${index}`, idNumber: personIdNumber(index), category: 'DOCTOR', registeredOn: '2026-06-30' }],
            },
          };
        },
        { connections: 8, seconds, persisted: true, fresh: true },
      );
    }

    if (wanted('audit')) {
      const totalLines = options.claims;
      // A settlement system has its month of lines at hand: the request bodies are built before the
      // clock starts, and one batch more than the machine has cores is in flight, so no core waits
      // while a batch crosses the network (measured: about a quarter more lines/s than one per core).
      const bodies: string[] = [];
      for (let sent = 0; sent < totalLines; sent += CLAIM_BATCH) {
        const claims = claimLines(Math.min(CLAIM_BATCH, totalLines - sent), sent, () => pick(sites));
        bodies.push(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(ops.AuditClaims) } }, variables: { claims } }));
      }
      const sent = await sendAudits(GATEWAY, token, bodies);
      if (sent.refused > 0) throw new Error(`auditClaims refused ${sent.refused} of ${bodies.length} calls`);
      linesPerSecond = Math.round(totalLines / sent.seconds);
      process.stdout.write(`auditClaims: ${totalLines} lines in batches of ${CLAIM_BATCH}, ${AUDIT_IN_FLIGHT} in flight: ${linesPerSecond} lines/s\n`);
      ratios['claims audit'] = `${linesPerSecond} lines/s, batches of ${CLAIM_BATCH}, ${AUDIT_IN_FLIGHT} in flight (target ≥ 100000)`;
    }
    if (wanted('claimsFile')) {
      const fileLinesPerSecond = await benchClaimsFile(GATEWAY, token, sites, options.claimsFile);
      ratios['claims audit from a file'] = `${fileLinesPerSecond} lines/s, ${options.claimsFile} lines streamed to POST /claims/audit (target ≥ 500000)`;
    }
    if (wanted('export')) {
      const exported = await measureExport(GATEWAY, token);
      process.stdout.write(`export of persons (region 37): ${exported.rows} rows in ${exported.seconds} s, ${exported.rowsPerSecond} rows/s\n`);
      ratios['export of persons with status and points, region 37'] =
        `${exported.rows} rows in ${exported.seconds} s, ${exported.rowsPerSecond} rows/s (target: 1,000,000 in about 60 s)`;
    }
  } finally {
    stopPeers();
    await directAgent.close();
    await services.stop();
  }
  return { database, persons, regionRecords, rows, claimsAuditLinesPerSecond: linesPerSecond, ratios };
}

/** A database of the same server as `url`. */
function databaseOf(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * `npm run bench`: the users' operations against the province-scale data (npm run seed:scale),
 * through our gateway, straight to the subgraphs, and through the peer gateways, in one run; prints a
 * table and writes bench/results/latest.{json,md} and bench/RESULTS.md. `--sizes` runs them on
 * each seeded size (`seed:scale -- --sized`) and compares.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      claims: { type: 'string', default: '1000000' },
      'claims-file': { type: 'string', default: '10000000' },
      'port-base': { type: 'string' },
      only: { type: 'string' },
      database: { type: 'string' },
      sizes: { type: 'string' },
      // With --sizes: run the sizes this many times, every other round in the reverse order (a drift of the machine then falls on both).
      rounds: { type: 'string', default: '1' },
    },
  });
  const seconds = Number(values.seconds);
  const only = values.only?.split(',').map((name) => name.trim()) ?? null;
  const unknown = only?.filter((name) => !(SCENARIOS as readonly string[]).includes(name)) ?? [];
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}: --only takes ${SCENARIOS.join(', ')}`);
  const sizes = values.sizes?.split(',').map(Number) ?? null;
  if (sizes?.some((size) => !Number.isInteger(size) || size <= 0)) throw new Error(`--sizes takes person counts, e.g. 100000,1000000`);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || (rounds > 1 && !sizes)) throw new Error(`--rounds takes a whole number from 1, and goes with --sizes`);
  if (values['port-base']) portBase = Number(values['port-base']);
  if (!Number.isInteger(portBase) || portBase < 1024 || portBase + POSTGRES_OFFSET > 65535) throw new Error(`--port-base takes a port from 1024 to 65515`);
  const postgresPort = Number(process.env.PQ_POSTGRES_PORT ?? (portBase === DEFAULT_PORT_BASE ? DEFAULT_POSTGRES_PORT : portBase + POSTGRES_OFFSET));
  const withPeers = portBase === DEFAULT_PORT_BASE;

  // Another stack on these ports or this data folder would be measured instead, or break the run.
  const embedding = !process.env.DATABASE_URL;
  const busy = await busyResources({
    ports: [...Object.values(PORT_OFFSETS).map((offset) => portBase + offset), ...(embedding ? [postgresPort] : [])],
    dataDir: embedding ? DATA_DIR : undefined,
  });
  if (busy.length) {
    process.stderr.write(
      `npm run bench cannot start: ${busy.join('; ')}.\n` +
        'Another `npm start` or benchmark is running: stop it first, or move this run with `--port-base <n>` (PostgreSQL then on n + 20); ' +
        'a running embedded PostgreSQL can be shared with DATABASE_URL=postgres://postgres:postgres@127.0.0.1:<port>/payment_qualification_scale.\n',
    );
    process.exit(1);
  }

  const sharedBuffers = measuringSharedBuffers();
  const embedded = embedding ? await startEmbeddedPostgres({ dataDir: DATA_DIR, port: postgresPort, sharedBuffers }) : undefined;
  const serverUrl = embedded ? embedded.urlFor('postgres') : process.env.DATABASE_URL!;
  const databases = sizes ? sizes.map(sizedScaleDatabase) : [values.database ?? (embedded ? SCALE_DATABASE : new URL(serverUrl).pathname.slice(1))];
  try {
    if (sizes) {
      const missing: number[] = [];
      for (const [i, size] of sizes.entries()) {
        const client = new Client({ connectionString: databaseOf(serverUrl, databases[i]) });
        const seeded = await client.connect().then(
          async () => (await client.query(`select to_regclass('registry.person') is not null as seeded`)).rows[0].seeded as boolean,
          () => false,
        );
        await client.end().catch(() => undefined);
        if (!seeded) missing.push(size);
      }
      if (missing.length) {
        throw new Error(`--sizes needs each size seeded first:\n${missing.map((size) => `  npm run seed:scale -- --persons ${size} --sized`).join('\n')}`);
      }
    }
    const gatewayWorkers = Number(process.env.GATEWAY_WORKERS ?? 1);
    const options: BenchOptions = {
      seconds,
      connections: Number(values.connections),
      claims: Number(values.claims),
      claimsFile: Number(values['claims-file']),
      wanted: (scenario) => !only || only.includes(scenario),
      // One gateway process: on two cores shared with four subgraphs and PostgreSQL a second one only
      // adds context switches (measured: eligibility 1,570 req/s with one, 950 with two).
      gatewayWorkers,
      withPeers,
    };
    const calibrationBefore = calibrationMs();
    const runs: DatabaseRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const database of round % 2 ? databases : [...databases].reverse()) {
        process.stdout.write(`\n${database}${rounds > 1 ? `, round ${round} of ${rounds}` : ''}\n`);
        const calibration = runs.length ? calibrationMs() : calibrationBefore;
        const copy = await measuringCopy(serverUrl, database);
        try {
          const run = await benchDatabase(database, databaseOf(serverUrl, copy), options);
          runs.push({ ...run, calibrationMs: calibration, ...(rounds > 1 ? { round } : {}) });
        } finally {
          if (copy !== database) await dropDatabase(serverUrl, copy);
        }
      }
    }
    const versionClient = new Client({ connectionString: serverUrl });
    await versionClient.connect();
    const postgres = `PostgreSQL ${(await versionClient.query('show server_version')).rows[0].server_version}`;
    await versionClient.end();
    const context: RunContext = {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres,
      gatewayWorkers,
      seconds,
      calibration: { beforeMs: calibrationBefore, afterMs: calibrationMs() },
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify({ ...context, only, runs }, null, 2)}\n`);
    const text = markdown(runs, context);
    writeFileSync(path.join(RESULTS, 'latest.md'), text);
    process.stdout.write(`\n${text}`);
    // A subset of the scenarios is a look at one path, not the latest results.
    if (only) process.stdout.write('\n(--only: bench/RESULTS.md left as it was)\n');
    else {
      if (sizes) updateResults(path.join(ROOT, 'bench/RESULTS.md'), 'sizes', text);
      // The largest size's last run is also the latest run of every scenario.
      const largest = runs.filter((run) => run.persons === Math.max(...runs.map((other) => other.persons))).slice(-1);
      updateResults(path.join(ROOT, 'bench/RESULTS.md'), 'latest', sizes ? markdown(largest, context) : text);
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
