import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger, jwtSecretFromEnv, subgraphUrlsFromEnv, GATEWAY_DEFAULT_PORT } from '@pq/kit';
import { startGateway } from './gateway';

export * from './gateway';

export const COMMITTED_SUPERGRAPH = path.resolve(__dirname, '../../schema/supergraph.graphql');
export const COMMITTED_MANIFEST = path.resolve(__dirname, '../../operations/manifest.json');

if (require.main === module) {
  const logger = createLogger('gateway');
  startGateway({
    port: Number(process.env.PORT ?? GATEWAY_DEFAULT_PORT),
    supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH ?? COMMITTED_SUPERGRAPH, 'utf8'),
    subgraphUrls: subgraphUrlsFromEnv(),
    jwtSecret: jwtSecretFromEnv(),
    jwksUrl: process.env.JWT_JWKS_URL,
    manifest: JSON.parse(readFileSync(process.env.PERSISTED_OPERATIONS_PATH ?? COMMITTED_MANIFEST, 'utf8')),
    persistedOnly: process.env.PERSISTED_ONLY === 'true',
    maxDepth: process.env.MAX_QUERY_DEPTH ? Number(process.env.MAX_QUERY_DEPTH) : undefined,
    maxCost: process.env.MAX_QUERY_COST ? Number(process.env.MAX_QUERY_COST) : undefined,
    logger,
  }).then(
    (gateway) => {
      const shutdown = () => gateway.stop().then(() => process.exit(0), () => process.exit(1));
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    },
    (error) => {
      logger.fatal({ err: error }, 'failed to start');
      process.exit(1);
    },
  );
}
