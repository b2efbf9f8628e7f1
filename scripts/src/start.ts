import path from 'node:path';
import { GATEWAY_DEFAULT_PORT, jwtSecretFromEnv, signToken, subgraphPortFromEnv, SUBGRAPHS } from '@pq/http';
import { chinaDate } from '@pq/time';
import { dataOf, graphqlClient } from './client';
import { startEmbeddedPostgres, EmbeddedDatabase } from './database';
import { DASHBOARD_QUERY, MULTI_SITE_DOCTOR, seedDemo } from './demo';
import { busyResources, launchServices, LaunchedServices } from './processes';

const ROOT = path.resolve(__dirname, '../..');
const EMBEDDED_POSTGRES_PORT = Number(process.env.PQ_POSTGRES_PORT ?? 54329);

async function main(): Promise<void> {
  let database: EmbeddedDatabase | undefined;
  let services: LaunchedServices | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping…\n');
    await services?.stop();
    await database?.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  // An administrator who loaded next year's holiday schedule signals this process; each subgraph reloads its calendar.
  process.on('SIGHUP', () => services?.reloadCalendars());

  let databaseUrl = process.env.DATABASE_URL;
  const dataDir = path.join(ROOT, '.data/postgres');
  const busy = await busyResources({
    ports: [
      Number(process.env.PORT ?? GATEWAY_DEFAULT_PORT),
      ...SUBGRAPHS.map((name) => subgraphPortFromEnv(name)),
      ...(databaseUrl ? [] : [EMBEDDED_POSTGRES_PORT]),
    ],
    dataDir: databaseUrl ? undefined : dataDir,
  });
  if (busy.length) {
    process.stderr.write(`npm start cannot start: ${busy.join('; ')} (another npm start or a benchmark is running).\n`);
    process.exit(1);
  }
  if (!databaseUrl) {
    database = await startEmbeddedPostgres({ dataDir, port: EMBEDDED_POSTGRES_PORT });
    await database.createDatabase('payment_qualification');
    databaseUrl = database.urlFor('payment_qualification');
    process.stdout.write(`embedded PostgreSQL on port ${EMBEDDED_POSTGRES_PORT} (data in .data/postgres)\n`);
  }

  const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  services = await launchServices(env, (service, exitCode) => {
    process.stderr.write(`${service} exited unexpectedly (code ${exitCode})\n`);
    void stop(1);
  });
  const url = services.gatewayUrl;

  const secret = jwtSecretFromEnv();
  const agency = await signToken(secret, { sub: 'demo-agency', role: 'NATIONAL_AGENCY', region: '' });
  const query = graphqlClient(url);
  const alreadySeeded = dataOf(await query<{ institution: { code: string } | null }>(`{ institution(code: "H37080200090") { code } }`, {}, agency)).institution;
  if (!alreadySeeded) {
    process.stdout.write('loading demo data…\n');
    const doctor = await signToken(secret, { sub: 'demo-doctor', role: 'PERSON', region: '370802', person: MULTI_SITE_DOCTOR });
    await seedDemo(query, { agency, doctor }, chinaDate(new Date()));
  }

  process.stdout.write(
    [
      '',
      `Gateway ready: ${url}`,
      `GraphiQL (dashboard preloaded): ${new URL('/graphiql', url)}`,
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
