import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET, SUBGRAPHS } from '@pq/http';
import { startGateway } from './gateway';

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object Apollo Gateway calls the exporter through */
const apolloTelemetry = require('@apollo/gateway/dist/utilities/opentelemetry') as { createDataCollectionExporter: () => unknown };

test('the gateway sends Apollo no report of its host unless APOLLO_TELEMETRY_DISABLED=false says so', async () => {
  const exporter = jest.spyOn(apolloTelemetry, 'createDataCollectionExporter');
  delete process.env.APOLLO_TELEMETRY_DISABLED;
  const gateway = await startGateway({
    port: 0,
    supergraphSdl: readFileSync(path.resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8'),
    // Never reached: the supergraph is static and no request is sent.
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, 'http://127.0.0.1:9/graphql'])) as Record<(typeof SUBGRAPHS)[number], string>,
    jwtSecret: DEVELOPMENT_JWT_SECRET,
  });
  await gateway.stop();
  expect(exporter).not.toHaveBeenCalled();
  expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
});
