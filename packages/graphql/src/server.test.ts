import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { BatchRejectedError, DomainError } from '@pq/errors';
import { createMetrics, requestObservability } from '@pq/http';
import pino from 'pino';
import { createErrorFormatter, publicOperationGuard } from './server';

describe('a refusal by a rule becomes extensions.code in one place', () => {
  const lines: any[] = [];
  const logger = pino(new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(chunk.toString())), done()) }));
  const metrics = createMetrics('unit');
  const server = new ApolloServer<{ requestId: string; role: string }>({
    typeDefs: 'type Query { refused: Boolean batch: Boolean broken: Boolean publicPersonStatus: Boolean }',
    resolvers: {
      Query: {
        refused: () => {
          throw new DomainError('INVALID_STATE', 'the appeal is already decided', { field: 'appealId' });
        },
        batch: () => {
          throw new BatchRejectedError([{ index: 2, code: 'INVALID_ID_NUMBER', message: 'bad check digit' }]);
        },
        broken: () => {
          throw new Error('connection reset');
        },
      },
    },
    plugins: [publicOperationGuard((context) => context.role === 'PUBLIC'), requestObservability(logger, metrics, (context) => context.role)],
    formatError: createErrorFormatter(logger),
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const run = async (query: string, role = 'CITY_AGENCY') => {
    const { body, http } = await server.executeOperation({ query }, { contextValue: { requestId: 'r', role } });
    return { status: http.status, errors: body.kind === 'single' ? body.singleResult.errors : undefined };
  };

  test('its message, code and details, logged and counted under its code', async () => {
    expect((await run('query Refused { refused }')).errors).toEqual([expect.objectContaining({ message: 'the appeal is already decided', extensions: { code: 'INVALID_STATE', field: 'appealId' } })]);
    expect(lines.find((line) => line.operation === 'Refused')).toMatchObject({ outcome: 'error', codes: ['INVALID_STATE'] });
    expect(await metrics.registry.metrics()).toContain('pq_graphql_errors_total{code="INVALID_STATE",service="unit"} 1');
  });

  test('a refused batch names each refused entry', async () => {
    expect((await run('{ batch }')).errors?.[0].extensions).toEqual({ code: 'INVALID_ID_NUMBER', entries: [{ index: 2, code: 'INVALID_ID_NUMBER', message: 'bad check digit' }] });
  });

  test('anything unexpected is hidden behind a generic message', async () => {
    expect((await run('{ broken }')).errors).toEqual([expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
  });

  test('a tokenless operation beyond the public fields is refused with HTTP 200', async () => {
    const { status, errors } = await run('{ refused }', 'PUBLIC');
    expect([status, errors?.map((e) => e.extensions)]).toEqual([200, [{ code: 'UNAUTHENTICATED' }]]);
  });
});
