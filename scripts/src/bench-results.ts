import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The benchmark's results as text: its tables, the comparison across sizes, bench/RESULTS.md. */

export interface Row {
  scenario: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Statements sent per request under the load: subgraphs merge the same read of concurrent requests. */
  sqlPerRequest: number | null;
  /** Statements of one request sent alone, with nothing to merge with: what its plan and loaders cost. */
  sqlAlone: number | null;
  note?: string;
}

export interface RunContext {
  date: string;
  cpus: number;
  cpu: string | undefined;
  memoryGiB: number;
  node: string;
  postgres: string;
  gatewayWorkers: number;
  seconds: number;
  calibration: { beforeMs: number; afterMs: number };
}

/** One database's run: its size, its rows, the claims audit's rate and the targets' verdicts. */
export interface DatabaseRun {
  database: string;
  persons: number;
  /** The analytics scenario's region (3708) in that data: its institutions' score records of 2026. */
  regionRecords: number;
  rows: Row[];
  claimsAuditLinesPerSecond: number | null;
  ratios: Record<string, string>;
  /** The machine's speed just before this database's scenarios (calibrationMs). */
  calibrationMs: number;
  /** With `--rounds`, which round of the sizes this run belongs to (from 1). */
  round?: number;
}

const CLAIMS_AUDIT = 'claims audit (lines/s)';
const grouped = (n: number) => n.toLocaleString('en-US');

function table(run: DatabaseRun): string[] {
  const lines = [
    '| scenario | conn | requests | req/s | p50 ms | p95 ms | p99 ms | errors | SQL/request | SQL alone |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...run.rows.map(
      (r) =>
        `| ${r.scenario}${r.note ? ` (${r.note})` : ''} | ${r.connections} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.sqlPerRequest ?? '—'} | ${r.sqlAlone ?? '—'} |`,
    ),
  ];
  if (run.claimsAuditLinesPerSecond !== null) lines.push('', `Claims audit: ${grouped(run.claimsAuditLinesPerSecond)} lines/s.`);
  const ratios = Object.entries(run.ratios);
  if (ratios.length) lines.push('', ...ratios.map(([key, value]) => `- ${key}: ${value}`));
  return lines;
}

function machine(context: RunContext): string[] {
  return [
    `Machine: ${context.cpus} × ${context.cpu}, ${context.memoryGiB} GiB, Node ${context.node}, ${context.postgres}. Gateway workers: ${context.gatewayWorkers}. ${context.seconds} s a scenario.`,
    `Calibration: ${context.calibration.beforeMs} ms before the scenarios, ${context.calibration.afterMs} ms after (a fixed piece of JavaScript on one idle core; lower is faster: runs compare when these do).`,
    '',
    'SQL/request: the statements sent per request under the load (the subgraphs merge the same read of concurrent requests); SQL alone: those of one request sent alone.',
  ];
}

const change = (from: number, to: number) => (from ? `${to >= from ? '+' : ''}${Math.round(((to - from) / from) * 100)} %` : '—');
const within = (from: number, to: number, share: number) => Math.abs(to - from) <= share * from;

const mean = (values: number[]) => Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);

/** Each size's runs (sizes in the order first run) as one run whose figures are the means of its rounds. */
function perSize(runs: DatabaseRun[]): DatabaseRun[] {
  return [...new Set(runs.map((run) => run.persons))].map((persons) => {
    const rounds = runs.filter((run) => run.persons === persons);
    if (rounds.length === 1) return rounds[0];
    const rows = rounds[0].rows.flatMap((row) => {
      const found = rounds.map((run) => run.rows.find((other) => other.scenario === row.scenario));
      if (found.some((other) => !other)) return [];
      const all = found as Row[];
      const of = (key: 'requests' | 'rps' | 'p50' | 'p95' | 'p99' | 'errors') => mean(all.map((other) => other[key]));
      return [{ ...row, requests: of('requests'), rps: of('rps'), p50: of('p50'), p95: of('p95'), p99: of('p99'), errors: of('errors') }];
    });
    const audits = rounds.map((run) => run.claimsAuditLinesPerSecond);
    return {
      ...rounds[0],
      rows,
      claimsAuditLinesPerSecond: audits.every((rate): rate is number => rate !== null) ? mean(audits) : null,
      calibrationMs: mean(rounds.map((run) => run.calibrationMs)),
    };
  });
}

/**
 * Per scenario, throughput and p99 at each size and how they moved from the smallest to the
 * largest: a person-keyed path should stay flat within 15 % (its statements read by key), the
 * city's analytics should grow no faster than the region's data. The sizes run minutes apart: the
 * calibration row tells whether the machine's speed moved meanwhile; with `--rounds` each size's
 * figures are the means of its rounds, run in turn both ways round so that a drift falls on both.
 */
export function scaling(measured: DatabaseRun[]): string[] {
  const runs = perSize(measured);
  const [first, last] = [runs[0], runs[runs.length - 1]];
  const growth = last.regionRecords / Math.max(1, first.regionRecords);
  const sizes = runs.map((run) => grouped(run.persons));
  const dash = runs.map(() => '—').join(' | ');
  const lines = [
    `| scenario | ${sizes.map((size) => `req/s at ${size}`).join(' | ')} | ${sizes.map((size) => `p99 ms at ${size}`).join(' | ')} | req/s | p99 | p50 | expected | met |`,
    `|---|${runs.map(() => '---:|').join('')}${runs.map(() => '---:|').join('')}---:|---:|---:|---|---|`,
    `| calibration ms (before the size's scenarios) | ${runs.map((run) => run.calibrationMs).join(' | ')} | ${dash} | ${change(first.calibrationMs, last.calibrationMs)} | — | — | — | — |`,
  ];
  for (const { scenario } of first.rows) {
    const found = runs.map((run) => run.rows.find((row) => row.scenario === scenario));
    if (found.some((row) => !row)) continue;
    const rows = found as Row[];
    const [from, to] = [rows[0], rows[rows.length - 1]];
    const analytics = scenario.startsWith('analytics');
    const met = analytics ? to.p50 <= from.p50 * growth * 1.15 : within(from.rps, to.rps, 0.15) && within(from.p99, to.p99, 0.15);
    lines.push(
      `| ${scenario} | ${rows.map((row) => row.rps).join(' | ')} | ${rows.map((row) => row.p99).join(' | ')} | ${change(from.rps, to.rps)} | ${change(from.p99, to.p99)} | ${change(from.p50, to.p50)} | ${
        analytics ? `p50 grows at most as the region's records (×${growth.toFixed(1)})` : 'flat within 15 %'
      } | ${met ? 'yes' : 'no'} |`,
    );
  }
  const audits = runs.map((run) => run.claimsAuditLinesPerSecond);
  if (audits.every((rate): rate is number => rate !== null)) {
    const [from, to] = [audits[0], audits[audits.length - 1]];
    lines.push(
      `| ${CLAIMS_AUDIT} | ${audits.map(grouped).join(' | ')} | ${dash} | ${change(from, to)} | — | — | flat within 15 % | ${within(from, to, 0.15) ? 'yes' : 'no'} |`,
    );
  }
  return lines;
}

export function markdown(runs: DatabaseRun[], context: RunContext): string {
  const lines = [`# Benchmark — ${context.date}`, '', ...machine(context)];
  if (runs.length === 1) lines.push('', `Data: ${grouped(runs[0].persons)} persons (database ${runs[0].database}).`, '', ...table(runs[0]));
  else {
    const rounds = Math.max(...runs.map((run) => run.round ?? 1));
    const order = runs.map((run) => grouped(run.persons)).join(', ');
    lines.push('', '## Cost as data grows', '');
    if (rounds > 1) lines.push(`Each size ran ${rounds} times, in the order ${order}; the figures below are the means of its rounds.`, '');
    lines.push(...scaling(runs));
    for (const run of runs) {
      const heading = `${grouped(run.persons)} persons${rounds > 1 ? `, round ${run.round}` : ''} (database ${run.database})`;
      lines.push('', `## ${heading}`, '', ...table(run));
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * bench/RESULTS.md keeps two sections, each replaced by the runs that make it: the latest run of
 * every scenario on one database, and the latest comparison across sizes (`--sizes`).
 */
export function updateResults(file: string, section: 'latest' | 'sizes', text: string): void {
  const titles = { latest: 'Latest run', sizes: 'Cost as data grows (`--sizes`)' };
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const sectionText = (name: 'latest' | 'sizes') => {
    if (name === section) return `<!-- bench:${name} -->\n${text.replace(/^# /gm, '### ').replace(/^## /gm, '#### ')}<!-- /bench:${name} -->`;
    return (
      new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`).exec(current)?.[0] ??
      `<!-- bench:${name} -->\n(not run yet)\n<!-- /bench:${name} -->`
    );
  };
  const parts = (['latest', 'sizes'] as const).map((name) => `## ${titles[name]}\n\n${sectionText(name)}`);
  writeFileSync(
    file,
    `# Benchmark results\n\nWritten by \`npm run bench\` (how it measures and the history of the figures: [HISTORY.md](HISTORY.md)).\n\n${parts.join('\n\n')}\n`,
  );
}
