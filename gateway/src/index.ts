import '@pq/http/tracing';
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { shutdownTracing } from '@pq/http/tracing';
import {
  corsOriginsFromEnv,
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  GATEWAY_DEFAULT_PORT,
  jwtSecretFromEnv,
  numberFromEnv,
  serveClusterMetrics,
  signToken,
  subgraphUrlsFromEnv,
  tokenMaxLifetimeFromEnv,
} from '@pq/http';
import { startGateway } from './gateway';

export * from './gateway';

export const COMMITTED_SUPERGRAPH = path.resolve(__dirname, '../../schema/supergraph.graphql');
export const COMMITTED_MANIFEST = path.resolve(__dirname, '../../operations/manifest.json');

/** The dashboard preloaded; with the development secret, a development token too (never in production). */
async function developmentGraphiql(manifest: Record<string, { name: string; body: string }>) {
  if (process.env.NODE_ENV === 'production') return undefined;
  const dashboard = Object.values(manifest).find((operation) => operation.name === 'Dashboard');
  const secret = jwtSecretFromEnv();
  const token = secret === DEVELOPMENT_JWT_SECRET ? await signToken(secret, { sub: 'graphiql', role: 'NATIONAL_AGENCY', region: '' }) : undefined;
  return { query: dashboard?.body ?? '', variables: { code: 'D370802000123' }, token };
}

async function main(): Promise<void> {
  const logger = createLogger('gateway');
  const manifest = JSON.parse(readFileSync(process.env.PERSISTED_OPERATIONS_PATH ?? COMMITTED_MANIFEST, 'utf8'));
  await startGateway({
    port: Number(process.env.PORT ?? GATEWAY_DEFAULT_PORT),
    supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH ?? COMMITTED_SUPERGRAPH, 'utf8'),
    subgraphUrls: subgraphUrlsFromEnv(),
    jwtSecret: jwtSecretFromEnv(),
    tokenMaxLifetimeSeconds: tokenMaxLifetimeFromEnv(),
    jwksUrl: process.env.JWT_JWKS_URL,
    manifest,
    persistedOnly: process.env.PERSISTED_ONLY === 'true',
    graphiql: await developmentGraphiql(manifest),
    maxDepth: process.env.MAX_QUERY_DEPTH ? Number(process.env.MAX_QUERY_DEPTH) : undefined,
    maxCost: process.env.MAX_QUERY_COST ? Number(process.env.MAX_QUERY_COST) : undefined,
    drainDelayMs: numberFromEnv('SHUTDOWN_DELAY_MS'),
    corsOrigins: corsOriginsFromEnv(),
    publicUrl: process.env.PUBLIC_URL,
    logger,
  }).then(
    (gateway) => {
      const shutdown = () =>
        void gateway
          .stop()
          .then(shutdownTracing)
          .then(
            () => process.exit(0),
            () => process.exit(1),
          );
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    },
    (error) => {
      logger.fatal({ err: error }, 'failed to start');
      process.exit(1);
    },
  );
}

/**
 * `GATEWAY_WORKERS=N` runs N gateway processes sharing the port (node:cluster): the gateway's
 * query planning and response merging are CPU work, and one process uses one core. The primary
 * sums the workers' metrics for whichever worker a /metrics scrape reaches.
 */
function runWorkers(count: number): void {
  let stopping = false;
  serveClusterMetrics();
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (!stopping) {
      process.stderr.write(`gateway worker ${worker.process.pid} exited (${code}); starting another\n`);
      cluster.fork();
    }
  });
  const shutdown = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (require.main === module) {
  const workers = Number(process.env.GATEWAY_WORKERS ?? 1);
  if (workers > 1 && cluster.isPrimary) runWorkers(workers);
  else void main();
}
