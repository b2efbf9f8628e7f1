import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { DEVELOPMENT_JWT_SECRET, signToken, SUBGRAPHS } from '@pq/http';
import { startEmbeddedPostgres } from './database';
import { loadOperations, operationHash } from './operations';
import { launchServices } from './processes';
import {
  AUDIT_IN_FLIGHT,
  CLAIM_BATCH,
  claimLines,
  dropDatabase,
  eligibilityVariables,
  measuringCopy,
  measuringSharedBuffers,
  pageInstitutions,
  percentiles,
  prewarm,
  recordScoresVariables,
  sampleRows,
  sendAudits,
} from './scale-samples';
import { SCALE_DATABASE } from './seed-scale-database';

const ROOT = path.resolve(__dirname, '../..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Where a frame's code lives: a package of node_modules, one of ours, or Node itself. */
function ownerOf(url: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const ours = /\/(packages|subgraphs)\/([^/]+)\//.exec(url) ?? /\/(gateway)\/(src|dist)\//.exec(url);
  if (ours) return ours[1] === 'gateway' ? '(gateway)' : `(${ours[1]}/${ours[2]})`;
  return url.startsWith('node:') ? url : url ? '(other)' : '(native)';
}

/** A .cpuprofile's self time by frame and by package, as shares of the profile's samples. */
function summarise(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number };
  const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const idle = profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const byFrame = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (!node.hitCount || functionName === '(idle)') continue;
    const frame = `${functionName || '(anonymous)'} ${ownerOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + node.hitCount);
    byOwner.set(ownerOf(url), (byOwner.get(ownerOf(url)) ?? 0) + node.hitCount);
  }
  const busy = total - idle;
  const share = (hits: number) => `${((hits / busy) * 100).toFixed(1).padStart(5)} %`;
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `${path.basename(file)}: busy ${((busy / total) * 100).toFixed(0)} % of ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`,
    '  by package:',
    ...sorted(byOwner).map(([owner, hits]) => `    ${share(hits)}  ${owner}`),
    '  by frame (self):',
    ...sorted(byFrame).map(([frame, hits]) => `    ${share(hits)}  ${frame}`),
  ].join('\n');
}

/** Each service's CPU seconds so far, from its /metrics (prom-client's process_cpu_seconds_total). */
async function cpuSeconds(ports: Record<string, number>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(ports).map(async ([name, port]) => {
      const text = await (await fetch(`http://localhost:${port}/metrics`)).text();
      return [name, Number(/^process_cpu_seconds_total(?:\{[^}]*\})? ([\d.e+]+)/m.exec(text)?.[1] ?? 0)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** PostgreSQL's CPU seconds so far, summed over its server processes (Linux: /proc). */
async function postgresCpuSeconds(client: Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity');
  let ticks = 0;
  for (const { pid } of rows) {
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / 100;
}

/** Audit batches sent for the given seconds as the benchmark sends them, in the shape of autocannon's result that main reads. */
async function runAudit(url: string, token: string, bodies: string[], seconds: number): Promise<autocannon.Result> {
  const sent = await sendAudits(url, token, bodies, seconds);
  return {
    requests: { total: sent.latencies.length, average: sent.latencies.length / sent.seconds },
    latency: percentiles(sent.latencies),
    errors: sent.refused,
    non2xx: 0,
  } as unknown as autocannon.Result;
}

/**
 * `node scripts/dist/profile.js`: the personnel page (or the dashboard, paymentEligibility, recordScores, or the claims audit) under autocannon load on the
 * scale data, with each service's CPU time per request and, with `--cpu-prof`, a CPU profile of
 * every service summarised by package and by frame (bench/profiles.md says what they showed).
 * Data from `--database` (default the `seed:scale` database without a size; `--database
 * payment_qualification_scale_1000000` for the sized one). Services on a port base of their own
 * (`--port-base`, default 4700), away from `npm start` and the
 * benchmark; on a shared machine run it under the benchmark's lock (`flock /tmp/bench.lock`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      // Requests per second in all (autocannon's overallRate), instead of as many as the connections get answered: CPU per
      // request then compares across data sizes and a busy machine, since concurrent requests merge alike.
      rate: { type: 'string' },
      first: { type: 'string', default: '100' },
      // page, dashboard, eligibility (paymentEligibility), recordScores (one decision, one person, as bench.ts) or audit (auditClaims, lines/s = req/s × 20,000)
      scenario: { type: 'string', default: 'page' },
      'port-base': { type: 'string', default: '4700' },
      database: { type: 'string', default: SCALE_DATABASE },
      'cpu-prof': { type: 'boolean', default: false },
      top: { type: 'string', default: '25' },
    },
  });
  const base = Number(values['port-base']);
  const ports: Record<string, number> = { gateway: base, ...Object.fromEntries(SUBGRAPHS.map((name, i) => [name, base + 1 + i])) };
  const profileDir = path.join(ROOT, 'bench/results/profiles');
  if (values['cpu-prof']) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(ROOT, '.data/postgres'),
        port: Number(process.env.PQ_POSTGRES_PORT ?? 54329),
        sharedBuffers: measuringSharedBuffers(),
      });
  // A scenario that writes measures a copy of the data set (as the benchmark does), which is dropped at the end.
  const measured = embedded && values.scenario === 'recordScores' ? await measuringCopy(embedded.urlFor('postgres'), values.database!) : values.database!;
  const databaseUrl = process.env.DATABASE_URL ?? embedded!.urlFor(measured);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await prewarm(client);
  const institutions = await pageInstitutions(client);
  const { codes: persons, sites } = await sampleRows(client);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    JWT_SECRET: process.env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    NODE_ENV: 'production',
    PORT: String(ports.gateway),
  };
  for (const name of SUBGRAPHS) {
    env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
    env[`${name.toUpperCase()}_URL`] = `http://localhost:${ports[name]}/graphql`;
  }
  const services = await launchServices(env, undefined, values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);
  const token = await signToken(env.JWT_SECRET!, { sub: 'profile', role: 'NATIONAL_AGENCY', region: '' }, '2h');
  const ops = loadOperations();
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
  const audit = values.scenario === 'audit';
  // Every decision needs a document number of its own (a repeated one is recorded once), so its bodies are built per request.
  const fresh = values.scenario === 'recordScores';
  let decision = 0;
  const [query, variables] =
    values.scenario === 'dashboard'
      ? [ops.Dashboard, () => ({ code: pick(persons) })]
      : values.scenario === 'eligibility'
        ? [ops.PaymentEligibility, () => eligibilityVariables(pick(sites))]
        : audit
          ? [ops.AuditClaims, () => ({ claims: claimLines(CLAIM_BATCH, 0, () => pick(sites)) })]
          : fresh
            ? [ops.RecordScores, () => recordScoresVariables(pick(sites), `PROFILE-${Date.now()}-${decision++}`)]
            : [ops.InstitutionPersonnel, () => ({ code: pick(institutions), first: Number(values.first) })];
  const body = () => JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(query) } }, variables: variables() });
  const bodies = fresh ? [] : Array.from({ length: audit ? 20 : 2000 }, body);
  let errors = 0;
  const run = (seconds: number) => (audit ? runAudit(`http://localhost:${ports.gateway}/graphql`, token, bodies, seconds) : runLoad(seconds));
  const runLoad = (seconds: number) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      let sent = 0;
      autocannon(
        {
          url: `http://localhost:${ports.gateway}/graphql`,
          connections: Number(values.connections),
          duration: seconds,
          ...(values.rate ? { overallRate: Number(values.rate) } : {}),
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({ ...request, body: fresh ? body() : bodies[sent++ % bodies.length] }),
              onResponse: (_status: number, body: string) => void (body.includes('"errors":') && errors++),
            },
          ],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
  try {
    await run(3);
    errors = 0;
    const before: Record<string, number> = { ...(await cpuSeconds(ports)), postgres: await postgresCpuSeconds(client) };
    const result = await run(Number(values.seconds));
    const after: Record<string, number> = { ...(await cpuSeconds(ports)), postgres: await postgresCpuSeconds(client) };
    const requests = result.requests.total;
    const what = audit
      ? `audit (batches of ${CLAIM_BATCH}, ${AUDIT_IN_FLIGHT} in flight, ${requests * CLAIM_BATCH} lines)`
      : fresh
        ? `recordScores (one decision, one person, ${values.connections} connections)`
        : `${values.scenario}${values.scenario === 'page' ? ` (first ${values.first})` : ''}`;
    process.stdout.write(
      `${what}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors + result.errors + result.non2xx}\n`,
    );
    process.stdout.write(
      `CPU ms per request: ${Object.keys(after)
        .map((name) => `${name} ${(((after[name] - before[name]) * 1000) / requests).toFixed(2)}`)
        .join(', ')}\n`,
    );
  } finally {
    await client.end();
    await services.stop();
    if (embedded && measured !== values.database) await dropDatabase(embedded.urlFor('postgres'), measured);
    await embedded?.stop();
  }
  if (values['cpu-prof']) {
    for (const file of readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'))) {
      process.stdout.write(`\n${summarise(path.join(profileDir, file), Number(values.top))}\n`);
    }
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
