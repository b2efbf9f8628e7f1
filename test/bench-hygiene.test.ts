import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DatabaseRun, markdown, Row, scaling, updateResults } from '../scripts/src/bench-results';
import { busyResources } from '../scripts/src/processes';

/** The benchmark's guard against another stack, its options, and the results it writes. */

const BENCH = path.resolve(__dirname, '../scripts/dist/bench.js');
const START = path.resolve(__dirname, '../scripts/dist/start.js');

function listening(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, () => resolve(server));
  });
}

function run(script: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  const env = { ...process.env, ...extraEnv };
  delete env.DATABASE_URL;
  delete env.PQ_POSTGRES_PORT;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const bench = (args: string[]) => run(BENCH, args);

test('npm run bench refuses to start on a port another process listens on, and says which', async () => {
  const server = await listening();
  const { port } = server.address() as { port: number };
  try {
    const refused = await bench(['--port-base', String(port), '--seconds', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('npm run bench cannot start');
    expect(refused.stderr).toMatch(new RegExp(`ports? (\\d+, )*${port}\\b.* already in use`));
  } finally {
    server.close();
  }
});

test('npm start refuses likewise: its gateway port taken, it says so and starts nothing', async () => {
  const server = await listening();
  const { port } = server.address() as { port: number };
  try {
    const started = await run(START, [], { PORT: String(port) });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('npm start cannot start');
    expect(started.stderr).toMatch(new RegExp(`ports? (\\d+, )*${port}\\b.* already in use`));
  } finally {
    server.close();
  }
});

test('--only takes the scenarios by name and refuses an unknown one', async () => {
  const refused = await bench(['--only', 'recordScores,dashbord']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(
    'unknown scenario dashbord: --only takes dashboard, eligibility, page100, page10, analytics, recordScores, registerPersonnel, audit',
  );
});

test('a PostgreSQL data folder is busy while its postmaster.pid names a live process, free once that process is gone', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pq-busy-'));
  try {
    writeFileSync(path.join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n1700000000\n54999\n`);
    expect(await busyResources({ ports: [], dataDir })).toEqual([`PostgreSQL (pid ${process.pid}, port 54999) is running on the data folder ${dataDir}`]);
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(path.join(dataDir, 'postmaster.pid'), `${gone.pid}\n${dataDir}\n1700000000\n54999\n`);
    expect(await busyResources({ ports: [], dataDir })).toEqual([]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('bench/RESULTS.md: a run replaces its own section and keeps the other', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pq-results-'));
  const file = path.join(dir, 'RESULTS.md');
  try {
    updateResults(file, 'latest', '# Benchmark — first\n\nfirst table\n');
    updateResults(file, 'sizes', '# Benchmark — sizes\n\n## Cost as data grows\n\nsizes table\n');
    updateResults(file, 'latest', '# Benchmark — second\n\nsecond table\n');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('second table');
    expect(text).toContain('sizes table');
    expect(text).not.toContain('first table');
    expect(text.indexOf('second table')).toBeLessThan(text.indexOf('sizes table'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const row = (scenario: string, rps: number, p50: number, p99: number): Row => ({
  scenario,
  connections: 32,
  requests: rps * 10,
  rps,
  p50,
  p95: p99,
  p99,
  errors: 0,
  sqlPerRequest: 1,
  sqlAlone: 1,
});
const sized = (persons: number, regionRecords: number, rows: Row[], audit: number, round?: number): DatabaseRun => ({
  database: `db_${persons}`,
  persons,
  regionRecords,
  rows,
  claimsAuditLinesPerSecond: audit,
  ratios: {},
  calibrationMs: 600,
  ...(round ? { round } : {}),
});
/** The verdict column of a scenario's line in the comparison. */
const verdictIn = (lines: string[], scenario: string) =>
  lines
    .find((line) => line.startsWith(`| ${scenario} |`))
    ?.split('|')
    .slice(-2, -1)[0]
    .trim();

test('the comparison across sizes: person-keyed paths within 15 %, the analytics no faster than the region grows', () => {
  const lines = scaling([
    sized(
      100_000,
      1_000,
      [row('dashboard', 1000, 20, 50), row('paymentEligibility', 3000, 8, 20), row('page of 10', 300, 20, 40), row('analytics: one city', 10, 30, 60)],
      100_000,
    ),
    sized(
      1_000_000,
      10_000,
      [row('dashboard', 900, 22, 56), row('paymentEligibility', 2400, 9, 21), row('page of 10', 420, 15, 30), row('analytics: one city', 2, 290, 500)],
      95_000,
    ),
  ]);
  const verdict = (scenario: string) => verdictIn(lines, scenario);
  expect(verdict('dashboard')).toBe('yes');
  expect(verdict('paymentEligibility')).toBe('no');
  // Faster at ten times the size is no flat line either: the machine's speed moved between them.
  expect(verdict('page of 10')).toBe('no');
  expect(verdict('analytics: one city')).toBe('yes');
  expect(verdict('claims audit (lines/s)')).toBe('yes');
  expect(lines.find((line) => line.startsWith('| dashboard |'))).toContain('| 1000 | 900 | 50 | 56 | -10 % | +12 % | +10 % | flat within 15 % | yes |');
});

test('--rounds: each size runs again in the reverse order, and the comparison takes the means, so that a drift falls on both sizes', () => {
  // The machine slows by 100 req/s a run: alone, the first round reads as 10 % slower at the larger size.
  const runs = [
    sized(100_000, 1_000, [row('dashboard', 1000, 20, 50)], 100_000, 1),
    sized(1_000_000, 10_000, [row('dashboard', 900, 22, 56)], 90_000, 1),
    sized(1_000_000, 10_000, [row('dashboard', 800, 24, 60)], 80_000, 2),
    sized(100_000, 1_000, [row('dashboard', 700, 26, 64)], 70_000, 2),
  ];
  const lines = scaling(runs);
  expect(lines.find((line) => line.startsWith('| dashboard |'))).toContain('| 850 | 850 | 57 | 58 | +0 % | +2 % | +0 % | flat within 15 % | yes |');
  expect(verdictIn(lines, 'claims audit (lines/s)')).toBe('yes');
  const text = markdown(runs, {
    date: 'today',
    cpus: 2,
    cpu: 'test',
    memoryGiB: 4,
    node: 'v20',
    postgres: 'PostgreSQL 17',
    gatewayWorkers: 1,
    seconds: 5,
    calibration: { beforeMs: 600, afterMs: 600 },
  });
  expect(text).toContain('Each size ran 2 times, in the order 100,000, 1,000,000, 1,000,000, 100,000; the figures below are the means of its rounds.');
  expect(text).toContain('## 100,000 persons, round 2 (database db_100000)');
});

test('--rounds takes a whole number from 1 and goes with --sizes', async () => {
  for (const args of [
    ['--rounds', '2'],
    ['--sizes', '100000,1000000', '--rounds', '0'],
    ['--sizes', '100000', '--rounds', 'two'],
  ]) {
    const refused = await bench(args);
    expect([args, refused.code]).toEqual([args, 1]);
    expect(refused.stderr).toContain('--rounds takes a whole number from 1, and goes with --sizes');
  }
});
