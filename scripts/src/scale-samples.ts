import os from 'node:os';
import { Client } from 'pg';
import { SUBGRAPHS } from '@pq/http';

/** PostgreSQL's cache for measuring: a quarter of the memory, at most 4 GiB (the 1,000,000-person data set is about 1.9 GB). */
export const measuringSharedBuffers = () => `${Math.min(4096, Math.floor(os.totalmem() / 4 / 2 ** 20))}MB`;

/**
 * Loads every table and index of the four subgraphs into PostgreSQL's shared buffers before
 * measuring: otherwise the first minutes measure the disk, and the kernel's page cache (which some
 * machines reclaim eagerly) decides the figures. Production databases are warm too.
 */
export async function prewarm(client: Client): Promise<void> {
  process.stdout.write('loading the data set into PostgreSQL shared buffers…\n');
  await client.query('create extension if not exists pg_prewarm');
  const { rows } = await client.query(
    `select coalesce(sum(pg_prewarm(c.oid)), 0)::bigint as blocks, current_setting('shared_buffers') as shared_buffers
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1) and c.relkind in ('r', 'i', 'm')`,
    [SUBGRAPHS],
  );
  process.stdout.write(`  ${Math.round((Number(rows[0].blocks) * 8) / 1024)} MB read; shared_buffers ${rows[0].shared_buffers}\n`);
}

/**
 * Up to 200 institutions to ask personnel pages of, at random among those with a full page of staff
 * (persons registered there and not cancelled), so that a page of `pageSize` holds that many persons
 * at every size of the data: the 100,000-person data set has fewer than 200 such institutions, and
 * filling in with smaller ones had made its pages of 100 hold 75 persons on average against 100 at
 * 1,000,000. A data set without any full page gives its largest institutions.
 */
export async function pageInstitutions(client: Client, pageSize = 100): Promise<string[]> {
  const { rows } = await client.query<{ institution_code: string }>(
    `with staff as (select institution_code, count(distinct person_code) filter (where status <> 'CANCELLED') as persons
                      from registry.registration group by 1)
     select institution_code from staff where persons >= least($1, (select max(persons) from staff)) order by random() limit 200`,
    [pageSize],
  );
  return rows.map((r) => r.institution_code);
}

/** A sampled registration: where a decision or a claim line happens. */
export interface Site {
  person_code: string;
  institution_code: string;
}

/**
 * Up to 5,000 persons in normal standing (`codes`) and registrations (`sites`) at random, from a share of
 * the tables' pages that gives about 20,000 rows at every size: a fixed share (1 %) had given the
 * 100,000-person data set about 1,300 sites against 5,000 at 1,000,000, and an audit batch four
 * times the distinct lookups there.
 */
export async function sampleRows(client: Client): Promise<{ persons: number; codes: string[]; sites: Site[] }> {
  const persons = (await client.query<{ n: number }>('select count(*)::int as n from registry.person')).rows[0].n;
  const share = Math.min(100, Math.max(1, (20_000 / Math.max(1, persons)) * 100)).toFixed(2);
  const codes = (
    await client.query<{ code: string }>(`select code from registry.person tablesample system (${share}) where status = 'NORMAL' limit 5000`)
  ).rows.map((r) => r.code);
  const sites = (await client.query<Site>(`select person_code, institution_code from registry.registration tablesample system (${share}) limit 5000`)).rows;
  return { persons, codes, sites };
}

/** p50, p95 and p99 of a run's response times, in whole milliseconds. */
export function percentiles(latencies: number[]): { p50: number; p95: number; p99: number } {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/**
 * auditClaims bodies sent `AUDIT_IN_FLIGHT` at a time, as a settlement system sends its month:
 * each once, or over and over for `seconds`. Each call's time, the calls refused, and the seconds
 * it took.
 */
export async function sendAudits(
  url: string,
  token: string,
  bodies: string[],
  seconds?: number,
): Promise<{ latencies: number[]; refused: number; seconds: number }> {
  const started = performance.now();
  const more = seconds === undefined ? () => next < bodies.length : () => performance.now() < started + seconds * 1000;
  const latencies: number[] = [];
  let next = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: AUDIT_IN_FLIGHT }, async () => {
      while (more()) {
        const begun = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: bodies[next++ % bodies.length],
        });
        const result = (await response.json()) as { errors?: unknown[] };
        if (!response.ok || result.errors) refused++;
        latencies.push(performance.now() - begun);
      }
    }),
  );
  return { latencies, refused, seconds: (performance.now() - started) / 1000 };
}

/** Claim lines per auditClaims call: the most one call takes (MAX_CLAIM_LINES). */
export const CLAIM_BATCH = 20_000;
/** auditClaims calls in flight: one more than the machine has cores, so no core waits while a batch crosses the network. */
export const AUDIT_IN_FLIGHT = os.availableParallelism() + 1;

/** `count` claim lines at sites picked by `pick`, numbered from `firstLine`. */
export const claimLines = (count: number, firstLine: number, pick: () => Site) =>
  Array.from({ length: count }, (_, i) => {
    const s = pick();
    return { lineId: `B${firstLine + i}`, personCode: s.person_code, institutionCode: s.institution_code, serviceDate: '2026-06-30', amount: 100 };
  });

/** The measured eligibility check: a service at `site` on the benchmark's day. */
export const eligibilityVariables = (site: Site) => ({ personCode: site.person_code, institutionCode: site.institution_code, on: '2026-06-30' });

/** The measured recordScores decision: one item at `site`, under a document number of its own (a repeated one is recorded once). */
export function recordScoresVariables(site: Site, documentNumber: string) {
  // Institution codes carry their region (seed-scale): Jining's own rule set has its own catalogue.
  const violationCode = site.institution_code.slice(1, 5) === '3708' ? 'JN1-01' : 'N1-01';
  return {
    input: {
      decisionType: 'AGREEMENT_HANDLING',
      documentNumber,
      decidedOn: '2026-06-30',
      items: [{ personCode: site.person_code, institutionCode: site.institution_code, violationCode, responsibility: 'GENERAL' }],
    },
  };
}

/**
 * A measurement's copy of a data set, to drop afterwards (`dropDatabase`): its writes (decisions,
 * registrations) would otherwise stay in the seeded data and pile up run after run — after a day
 * of runs, 72 % of the 100,000-person set's score records in the analytics scenario's city were
 * the benchmark's own, on one day, and the sizes no longer compared. A file copy takes seconds; a
 * server that refuses it (no CREATEDB) is measured in place, with a warning.
 */
export async function measuringCopy(serverUrl: string, database: string): Promise<string> {
  const copy = `${database}_measured`;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${copy}" with (force)`);
    await client.query(`create database "${copy}" template "${database}" strategy file_copy`);
    return copy;
  } catch (error) {
    process.stderr.write(`measuring ${database} in place (its copy could not be made: ${(error as Error).message}); its writes stay in it\n`);
    return database;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await client.end();
  }
}
