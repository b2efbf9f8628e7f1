import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { BatchRejectedError, DomainError } from '@pq/errors';
import { createMetrics, requestObservability } from '@pq/http';
import { GraphQLError } from 'graphql';
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
    expect((await run('query Refused { refused }')).errors).toEqual([
      expect.objectContaining({ message: 'the appeal is already decided', extensions: { code: 'INVALID_STATE', field: 'appealId' } }),
    ]);
    expect(lines.find((line) => line.operation === 'Refused')).toMatchObject({ outcome: 'error', codes: ['INVALID_STATE'] });
    expect(await metrics.registry.metrics()).toContain('pq_graphql_errors_total{code="INVALID_STATE",service="unit"} 1');
  });

  test('a refused batch names each refused entry', async () => {
    expect((await run('{ batch }')).errors?.[0].extensions).toEqual({
      code: 'INVALID_ID_NUMBER',
      entries: [{ index: 2, code: 'INVALID_ID_NUMBER', message: 'bad check digit' }],
    });
  });

  test('anything unexpected is hidden behind a generic message', async () => {
    expect((await run('{ broken }')).errors).toEqual([
      expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
  });

  test('a tokenless operation beyond the public fields is refused with HTTP 200', async () => {
    const { status, errors } = await run('{ refused }', 'PUBLIC');
    expect([status, errors?.map((e) => e.extensions)]).toEqual([200, [{ code: 'UNAUTHENTICATED' }]]);
  });
});

describe('what a caller never sees', () => {
  const logger = { error: () => undefined };
  const subgraphRefusal = new GraphQLError('401: Unauthorized', {
    extensions: { code: 'UNAUTHENTICATED', response: { url: 'http://10.0.0.7:4001/graphql', status: 401, body: {} } },
  });

  test("a subgraph's raw HTTP answer (its address, its body) is dropped; the code stays", () => {
    expect(createErrorFormatter(logger)({ message: subgraphRefusal.message, extensions: subgraphRefusal.extensions }, subgraphRefusal)).toEqual({
      message: '401: Unauthorized',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  test('with the schema hidden, validation errors suggest no names', () => {
    const formatted = {
      message: 'Cannot query field "persns" on type "Query". Did you mean "persons" or "person"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    expect(createErrorFormatter(logger, { hideSchema: true })(formatted, new GraphQLError(formatted.message)).message).toBe(
      'Cannot query field "persns" on type "Query".',
    );
    expect(createErrorFormatter(logger, { hideSchema: false })(formatted, new GraphQLError(formatted.message)).message).toContain('Did you mean');
  });
});
