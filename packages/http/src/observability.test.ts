import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { createMetrics, requestObservability } from './observability';

test('one structured log line per request: operation, duration, caller role, outcome, request id', async () => {
  const lines: any[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
  const metrics = createMetrics('unit');
  const server = new ApolloServer<{ requestId: string; role: string }>({
    typeDefs: 'type Query { ok: Boolean fail: Boolean }',
    resolvers: {
      Query: {
        ok: () => true,
        fail: () => {
          throw new Error('boom');
        },
      },
    },
    plugins: [requestObservability(pino(sink), metrics, (context) => context.role)],
  });
  await server.start();
  await server.executeOperation({ query: 'query Check { ok }' }, { contextValue: { requestId: 'req-1', role: 'CITY_AGENCY' } });
  await server.executeOperation({ query: 'query Broken { fail }' }, { contextValue: { requestId: 'req-2', role: 'PERSON' } });
  await server.stop();
  expect(lines.map(({ requestId, operation, role, outcome, codes }) => ({ requestId, operation, role, outcome, codes }))).toEqual([
    { requestId: 'req-1', operation: 'Check', role: 'CITY_AGENCY', outcome: 'ok', codes: undefined },
    { requestId: 'req-2', operation: 'Broken', role: 'PERSON', outcome: 'error', codes: ['INTERNAL_SERVER_ERROR'] },
  ]);
  expect(lines[0].durationMs).toEqual(expect.any(Number));
  expect(await metrics.registry.metrics()).toContain('pq_graphql_errors_total{code="INTERNAL_SERVER_ERROR",service="unit"} 1');
});
