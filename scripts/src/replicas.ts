import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { signToken, SUBGRAPHS } from '@pq/http';
import { chinaDate, yearOf } from '@pq/time';
import { graphqlClient, untilEventsArrive } from './client';
import { startEmbeddedPostgres, EmbeddedDatabase } from './database';
import { DASHBOARD_QUERY, DEMO_INSTITUTIONS, demoDates, withCheckCharacter } from './demo';

/**
 * Two replicas of every subgraph and two gateways, each pair behind a round-robin balancer, under
 * load for LOAD_SECONDS while one scoring replica is killed, one registry replica frozen for 10 s and
 * one gateway stopped. Then counts acknowledged decisions against what is stored and sanctions in
 * scoring against registry's view. Exits 1 when anything acknowledged was lost or duplicated.
 */
const ROOT = path.resolve(__dirname, '../..');
const BASE_PORT = Number(process.env.PQ_REPLICAS_BASE_PORT ?? 47100);
const LOAD_SECONDS = Number(process.env.PQ_REPLICAS_LOAD_SECONDS ?? 40);
const WORKERS = 8;
const PEOPLE = 30;
const HOST = '127.0.0.1';

/** Forwards each request to the next live upstream; a refused or reset connection tries the next one. */
function balancer(port: number, upstreams: number[]): Promise<http.Server> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const upstream = upstreams[next++ % upstreams.length];
        const forward = http.request({ host: HOST, port: upstream, method: req.method, path: req.url, headers: req.headers, timeout: 15_000 }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        forward.on('timeout', () => forward.destroy(new Error('upstream timeout')));
        forward.on('error', (error: NodeJS.ErrnoException) => {
          if (res.headersSent) return res.destroy();
          if (['ECONNREFUSED', 'ECONNRESET'].includes(error.code ?? '') && tries < upstreams.length * 2) return attempt(tries + 1);
          res.writeHead(error.message === 'upstream timeout' ? 504 : 502).end();
        });
        forward.end(body);
      };
      attempt(1);
    });
  });
  return new Promise((resolve) => server.listen(port, HOST, () => resolve(server)));
}

async function waitReady(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process on ${port} exited with ${child.exitCode}`);
    if (
      (await fetch(`http://${HOST}:${port}/ready`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`process on ${port} not ready`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const started = Date.now();
  let database: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  const children = new Map<string, ChildProcess>();
  const servers: http.Server[] = [];
  const hardStop = setTimeout(() => {
    process.stderr.write('replicas: time limit reached, stopping\n');
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(2);
  }, 150_000);
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'pq-replicas-'));
      chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when this script runs as root
      database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: BASE_PORT + 99, persistent: false });
      await database.createDatabase('replicas');
      databaseUrl = database.urlFor('replicas');
    }
    const ports = {} as Record<string, [number, number, number]>; // balancer, replica a, replica b
    [...SUBGRAPHS, 'gateway'].forEach((name, i) => (ports[name] = [BASE_PORT + i * 3, BASE_PORT + i * 3 + 1, BASE_PORT + i * 3 + 2]));
    const secret = `replicas-${Math.random().toString(36).slice(2)}`;
    const common: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, JWT_SECRET: secret, LOG_LEVEL: 'error' };
    for (const name of SUBGRAPHS) common[`${name.toUpperCase()}_URL`] = `http://${HOST}:${ports[name][0]}/graphql`;
    for (const [front, ...replicas] of Object.values(ports)) servers.push(await balancer(front, replicas));
    const launch = async (name: string, replica: 0 | 1) => {
      const port = ports[name][replica + 1];
      const script = name === 'gateway' ? 'gateway/dist/index.js' : `subgraphs/${name}/dist/index.js`;
      const env = { ...common, OTEL_SERVICE_NAME: name, ...(name === 'gateway' ? { PORT: String(port) } : { [`${name.toUpperCase()}_PORT`]: String(port) }) };
      const child = spawn(process.execPath, [path.join(ROOT, script)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
      children.set(`${name}-${'ab'[replica]}`, child);
      await waitReady(port, child);
    };
    // The first replica of each runs the migrations alone; the second then starts beside it.
    for (const name of SUBGRAPHS) await launch(name, 0);
    await Promise.all(SUBGRAPHS.map((name) => launch(name, 1)));
    await Promise.all([launch('gateway', 0), launch('gateway', 1)]);
    process.stdout.write(`10 processes up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    const url = `http://${HOST}:${ports.gateway[0]}/graphql`;
    const query = graphqlClient(url);
    const agency = await signToken(secret, { sub: 'replicas-agency', role: 'NATIONAL_AGENCY', region: '' });
    const today = chinaDate(new Date());
    const dates = demoDates(today);
    const institutions = DEMO_INSTITUTIONS.map((i) => ({ ...i, agreementValidFrom: dates.agreementValidFrom, agreementValidUntil: dates.agreementValidUntil }));
    await untilEventsArrive(() =>
      query(
        `mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code } } }`,
        { input: { institutions, idempotencyKey: 'replicas:institutions' } },
        agency,
      ),
    );
    const people = Array.from({ length: PEOPLE }, (_, i) => ({
      code: `D370802${String(900000 + i)}`,
      name: `测试${i}`,
      category: 'DOCTOR',
      idNumber: withCheckCharacter(`37080219800101${String(i).padStart(3, '0')}`),
      phone: `138537${String(10000 + i)}`,
      registeredOn: dates.registeredOn,
    }));
    await untilEventsArrive(
      () =>
        query(
          `mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }`,
          { input: { institutionCode: 'H37080200090', people, idempotencyKey: 'replicas:register' } },
          agency,
        ),
      30_000,
    );
    // Scoring learns of the registrations by event: wait until it accepts a decision for the last person.
    await sleep(2000);

    const acknowledged = new Map<string, string>();
    const failures = new Map<string, number>();
    const fail = (why: string) => failures.set(why, (failures.get(why) ?? 0) + 1);
    let decisions = 0;
    let reads = 0;
    let attempts = 0;
    const stopAt = Date.now() + LOAD_SECONDS * 1000;
    const post = async (body: unknown): Promise<{ status: number; json?: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }> => {
      attempts++;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${agency}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        const text = await response.text();
        try {
          return { status: response.status, json: JSON.parse(text) };
        } catch {
          return { status: response.status };
        }
      } catch (error) {
        return { status: 0, json: { errors: [{ extensions: { code: (error as Error).name } }] } };
      }
    };
    const SCORE = `mutation($input: RecordScoresInput!) { recordScores(input: $input) { records { id } } }`;
    const worker = async (w: number) => {
      for (let n = 0; Date.now() < stopAt; n++) {
        const person = people[(w * 7 + n) % PEOPLE].code;
        if (n % 3 === 2) {
          const r = await post({ query: DASHBOARD_QUERY, variables: { code: person } });
          reads++;
          if (r.status !== 200 || r.json?.errors?.length) fail(`read HTTP ${r.status} ${r.json?.errors?.[0]?.extensions?.code ?? ''}`.trim());
          continue;
        }
        decisions++;
        const documentNumber = `济医保协处〔${yearOf(today)}〕R${w}-${n}号`;
        const input = {
          decisionType: 'AGREEMENT_HANDLING',
          documentNumber,
          decidedOn: dates.scoredOn,
          items: [{ personCode: person, institutionCode: 'H37080200090', violationCode: 'JN2-01', responsibility: 'MAIN' }],
          idempotencyKey: `replicas:${documentNumber}`,
        };
        // A client retries a failed or unanswered request with the same idempotency key, up to 4 times.
        for (let tries = 1; ; tries++) {
          const r = await post({ query: SCORE, variables: { input } });
          const code = r.json?.errors?.[0]?.extensions?.code;
          if (r.status === 200 && r.json?.data && !code) {
            acknowledged.set(documentNumber, person);
            break;
          }
          fail(`decision HTTP ${r.status} ${code ?? ''}`.trim());
          if ((r.status !== 0 && r.status < 500) || tries === 4) break;
          await sleep(300 * tries);
        }
      }
    };
    const chaos = async () => {
      await sleep(8000);
      process.stdout.write('t+8s  SIGKILL scoring-a\n');
      children.get('scoring-a')!.kill('SIGKILL');
      await sleep(6000);
      process.stdout.write('t+14s SIGSTOP registry-b (10 s)\n');
      children.get('registry-b')!.kill('SIGSTOP');
      await sleep(10_000);
      children.get('registry-b')!.kill('SIGCONT');
      process.stdout.write('t+24s SIGCONT registry-b; SIGTERM gateway-b\n');
      children.get('gateway-b')!.kill('SIGTERM');
    };
    await Promise.all([...Array.from({ length: WORKERS }, (_, w) => worker(w)), chaos()]);

    const pool = new Pool({ connectionString: databaseUrl, max: 2 });
    const one = async (text: string) => Number((await pool.query(text)).rows[0].n);
    const settleStart = Date.now();
    let pending = -1;
    while (Date.now() - settleStart < 30_000) {
      pending = 0;
      for (const name of SUBGRAPHS) pending += await one(`select count(*) as n from "${name}".outbox_pending`);
      if (pending === 0) break;
      await sleep(500);
    }
    const stored = (
      await pool.query(
        `select document_number as d, person_code as p, count(*)::int as n from scoring.score_record where document_number like '%〕R%' group by 1, 2`,
      )
    ).rows as {
      d: string;
      p: string;
      n: number;
    }[];
    const storedKeys = new Set(stored.map((s) => `${s.d}|${s.p}`));
    const lost = [...acknowledged].filter(([d, p]) => !storedKeys.has(`${d}|${p}`)).length;
    const duplicated = stored.filter((s) => s.n > 1).length;
    const storedNotAcknowledged = stored.filter((s) => !acknowledged.has(s.d)).length;
    const sanctions = await one(
      `select count(*) as n from scoring.sanction s where s.person_code like 'D370802900%' and s.kind in ('SUSPENSION', 'TERMINATION')`,
    );
    const inForce = await one(
      `select count(*) as n from scoring.sanction s where s.person_code like 'D370802900%' and s.kind in ('SUSPENSION', 'TERMINATION') and state = 'IN_FORCE'`,
    );
    const viewed = await one(`select count(*) as n from registry.sanction_view v join scoring.sanction s on s.id = v.sanction_id`);
    const missingInView = await one(
      `select count(*) as n from scoring.sanction s where s.person_code like 'D370802900%' and s.kind in ('SUSPENSION', 'TERMINATION') and not exists (select 1 from registry.sanction_view v where v.sanction_id = s.id)`,
    );
    const suspended = await one(`select count(*) as n from registry.person where code like 'D370802900%' and status in ('SUSPENDED', 'TERMINATED')`);
    const personsInForce = await one(
      `select count(distinct person_code) as n from scoring.sanction where person_code like 'D370802900%' and state = 'IN_FORCE'`,
    );
    const sanctionEvents = await one(`select count(*) as n from scoring.outbox_event where type like 'Sanction%'`);
    const appliedSanctionEvents = await one(
      `select count(*) as n from registry.processed_event p join scoring.outbox_event e on e.id = p.id where e.type like 'Sanction%'`,
    );
    await pool.end();

    const rows: [string, string | number][] = [
      ['killed / frozen / stopped', 'SIGKILL scoring-a at 8 s; SIGSTOP registry-b 14–24 s; SIGTERM gateway-b at 24 s'],
      ['load', `${LOAD_SECONDS} s, ${WORKERS} clients, ${PEOPLE} persons`],
      ['HTTP requests (with retries)', attempts],
      ['decisions sent / acknowledged', `${decisions} / ${acknowledged.size}`],
      ['dashboard reads', reads],
      ...[...failures].sort().map(([why, n]): [string, number] => [`failed: ${why}`, n]),
      ['outbox pending after settling', pending],
      ['score records stored (decisions)', stored.length],
      ['LOST (acknowledged, not stored)', lost],
      ['DUPLICATED (document stored twice)', duplicated],
      ['stored but not acknowledged', storedNotAcknowledged],
      ['sanctions in scoring / in force', `${sanctions} / ${inForce}`],
      ['sanctions in registry sanction_view / missing', `${viewed} / ${missingInView}`],
      ['sanction events / applied once by registry', `${sanctionEvents} / ${appliedSanctionEvents}`],
      ['persons sanctioned in scoring / suspended in registry', `${personsInForce} / ${suspended}`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(`\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
    process.stdout.write(`total ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return lost === 0 && duplicated === 0 && missingInView === 0 && pending === 0 ? 0 : 1;
  } finally {
    for (const child of children.values()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGCONT');
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 8000);
            child.once('exit', () => (clearTimeout(kill), resolve()));
            child.kill('SIGTERM');
          }),
      ),
    );
    servers.forEach((s) => s.close());
    await database?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(hardStop);
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
