import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { chinaDate, GATEWAY_DEFAULT_PORT, jwtSecretFromEnv, signToken, subgraphUrlsFromEnv, SUBGRAPHS } from '@pq/kit';
import { dataOf, graphqlClient } from './client';
import { startEmbeddedPostgres, EmbeddedDatabase } from './database';
import { DASHBOARD_QUERY, MULTI_SITE_DOCTOR, seedDemo } from './demo';

const ROOT = path.resolve(__dirname, '../..');
const EMBEDDED_POSTGRES_PORT = Number(process.env.PQ_POSTGRES_PORT ?? 54329);

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with code ${child.exitCode} before it was ready`);
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  let database: EmbeddedDatabase | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping…\n');
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    await database?.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    database = await startEmbeddedPostgres({ dataDir: path.join(ROOT, '.data/postgres'), port: EMBEDDED_POSTGRES_PORT });
    await database.createDatabase('payment_qualification');
    databaseUrl = database.urlFor('payment_qualification');
    process.stdout.write(`embedded PostgreSQL on port ${EMBEDDED_POSTGRES_PORT} (data in .data/postgres)\n`);
  }

  const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const launch = (script: string) => {
    const child = spawn(process.execPath, [path.join(ROOT, script)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) => {
      if (!stopping) {
        process.stderr.write(`${script} exited unexpectedly (code ${code})\n`);
        void stop(1);
      }
    });
    children.push(child);
    return child;
  };

  const subgraphUrls = subgraphUrlsFromEnv();
  await Promise.all(
    SUBGRAPHS.map((name) => {
      const child = launch(`subgraphs/${name}/dist/index.js`);
      return waitForHealth(new URL('/health', subgraphUrls[name]).toString(), child);
    }),
  );
  const port = Number(process.env.PORT ?? GATEWAY_DEFAULT_PORT);
  const gateway = launch('gateway/dist/index.js');
  await waitForHealth(`http://localhost:${port}/health`, gateway);
  const url = `http://localhost:${port}/graphql`;

  const secret = jwtSecretFromEnv();
  const agency = await signToken(secret, { sub: 'demo-agency', role: 'NATIONAL_AGENCY', region: '' });
  const query = graphqlClient(url);
  const alreadySeeded = dataOf(await query(`{ institution(code: "H37080200090") { code } }`, {}, agency)).institution;
  if (!alreadySeeded) {
    process.stdout.write('loading demo data…\n');
    const doctor = await signToken(secret, { sub: 'demo-doctor', role: 'PERSON', region: '370802', person: MULTI_SITE_DOCTOR });
    await seedDemo(query, { agency, doctor }, chinaDate(new Date()));
  }

  process.stdout.write(
    [
      '',
      `Gateway ready: ${url}`,
      '',
      'A development token (national agency, 12 hours):',
      `  ${agency}`,
      '',
      'Try the dashboard:',
      `  curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer ${agency}" \\`,
      `    -d '${JSON.stringify({ query: DASHBOARD_QUERY.replace(/#.*$/gm, '').replace(/\s+/g, ' ').trim(), variables: { code: MULTI_SITE_DOCTOR } })}'`,
      '',
      'Ctrl-C stops everything, PostgreSQL included.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.kill(process.pid, 'SIGTERM');
});
