import { defineConfig } from '@graphql-hive/gateway';

// The same committed supergraph and subgraphs as our gateway; the caller's token is forwarded like ours does.
export const gatewayConfig = defineConfig({
  supergraph: '../../schema/supergraph.graphql',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }),
  },
  logging: 'error',
});
