import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { graphiqlPage, serveGraphiqlAsset } from './graphiql';
import { closeServer, createErrorFormatter, createMetrics, Metrics, publicOperationGuard, requestObservability, createLogger, createTokenVerifier, listen, Logger, sendJson, serveGraphQL, SubgraphName, SUBGRAPHS } from '@pq/kit';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, ValidationContext } from 'graphql';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { createHash } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';

export interface GatewayOptions {
  /** 0 picks a free port. */
  port: number;
  /** The composed supergraph (schema/supergraph.graphql): the gateway never composes at run time. */
  supergraphSdl: string;
  /** Where each subgraph is reached; overrides the URLs written in the supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  jwtSecret: string;
  /** Production: verify tokens with keys from this JWKS endpoint instead of the shared secret. */
  jwksUrl?: string;
  /** Committed operations (operations/manifest.json): sendable by hash alone; with `persistedOnly`, the only ones that run. */
  manifest?: Record<string, { name: string; body: string }>;
  persistedOnly?: boolean;
  /** Development: GraphiQL at /graphiql with this query preloaded (never with NODE_ENV=production). */
  graphiql?: { query: string; variables: object; token?: string };
  /** Query depth and cost limits (defaults fit the portals' queries with room to spare). */
  maxDepth?: number;
  maxCost?: number;
  logger?: Logger;
}

export interface GatewayContext {
  authorization?: string;
  requestId: string;
  /** The verified caller's role, for logs. */
  role: string;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * Subgraph fetches over undici with keep-alive connections: the default fetch stack of
 * @apollo/gateway opens more connections and builds a stack trace per request.
 */
function keepAliveFetcher() {
  const agent = new Agent({ keepAliveTimeout: 60_000, connections: 64, pipelining: 1 });
  const fetcher = (url: string, init: Record<string, unknown>) => undiciFetch(url, { ...init, dispatcher: agent } as Parameters<typeof undiciFetch>[1]);
  return { fetcher, agent };
}

/**
 * Forwards the caller's token and the request id to every subgraph fetch (subgraphs verify the
 * token again, and log under the same id), and times each fetch.
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly started = new WeakMap<object, bigint>();

  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly subgraph: string,
    private readonly metrics: Metrics,
  ) {
    super(config);
  }

  willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const ctx = context as Partial<GatewayContext>;
    if (ctx.authorization) request.http?.headers.set('authorization', ctx.authorization);
    if (ctx.requestId) request.http?.headers.set('x-request-id', ctx.requestId);
    // The gateway copies the request between hooks but keeps its `http` part: time by that.
    if (request.http) this.started.set(request.http, process.hrtime.bigint());
  }

  async didReceiveResponse({ response, request }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const started = request.http && this.started.get(request.http);
    if (started) this.metrics.subgraphFetches.observe({ subgraph: this.subgraph }, Number(process.hrtime.bigint() - started) / 1e9);
    return response;
  }
}

/**
 * Production portals run only reviewed operations: a document whose hash is not in the committed
 * manifest is refused before it is planned or executed.
 */
function safelist(manifest: Record<string, unknown>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source }) {
          if (!(createHash('sha256').update(source).digest('hex') in manifest)) {
            throw new GraphQLError('only the operations of the committed manifest run here (PERSISTED_ONLY)', { extensions: { code: 'PERSISTED_QUERY_NOT_IN_SAFELIST', http: { status: 200 } } });
          }
        },
      };
    },
  };
}

/** Automatic persisted queries, with the committed operations known from the start. */
async function persistedQueryCache(manifest: Record<string, { body: string }>): Promise<InMemoryLRUCache<string>> {
  const cache = new InMemoryLRUCache<string>();
  // Apollo Server keeps persisted queries under the `apq:` prefix of the cache it is given.
  await Promise.all(Object.entries(manifest).map(([hash, { body }]) => cache.set(`apq:${hash}`, body)));
  return cache;
}

/** Limits report a validation error (GRAPHQL_VALIDATION_FAILED) instead of throwing out of validation. */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger('gateway');
  const verifier = createTokenVerifier({ secret: options.jwtSecret, jwksUrl: options.jwksUrl });
  const { fetcher, agent } = keepAliveFetcher();
  const metrics = createMetrics('gateway');
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => new ForwardingDataSource({ url: options.subgraphUrls[name as SubgraphName], fetcher: fetcher as never }, name, metrics),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    persistedQueries: { cache: await persistedQueryCache(options.manifest ?? {}) },
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      // Apollo's landing page loads from a CDN; GraphiQL is served from /graphiql instead.
      ApolloServerPluginLandingPageDisabled(),
      publicOperationGuard<GatewayContext>((context) => !context.authorization),
      requestObservability<GatewayContext>(logger, metrics, (context) => context.role),
      ...(options.persistedOnly ? [safelist(options.manifest ?? {})] : []),
    ],
    validationRules: [
      maxDepthRule({ n: options.maxDepth ?? 12, ...reportAsValidationError }),
      costLimitRule({ maxCost: options.maxCost ?? 5000, ...reportAsValidationError }),
    ],
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: process.env.NODE_ENV !== 'production',
  });
  await apollo.start();

  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/graphql') {
        await serveGraphQL(apollo, req, res, async () => {
          // Refuse a bad token here already; a missing one is the public caller, refused by the subgraphs where it matters.
          const caller = await verifier.verify(req.headers.authorization);
          return { authorization: req.headers.authorization, requestId: (req.headers['x-request-id'] as string | undefined) ?? randomUUID(), role: caller.role };
        });
      } else if (options.graphiql && process.env.NODE_ENV !== 'production' && path.startsWith('/graphiql') && req.method === 'GET') {
        const asset = path.slice('/graphiql/'.length);
        if (path === '/graphiql' || path === '/graphiql/') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(graphiqlPage(options.graphiql));
        } else if (!serveGraphiqlAsset(asset, res)) {
          sendJson(res, 404, { error: 'not found' });
        }
      } else if (path === '/metrics' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await metrics.registry.metrics());
      } else if ((path === '/health' || path === '/ready') && req.method === 'GET') {
        // API.md: /health answers 200 once every subgraph answers; /ready once every subgraph is ready.
        const checks = await Promise.all(
          SUBGRAPHS.map(async (name) => {
            const response = await undiciFetch(new URL(path, options.subgraphUrls[name]), { dispatcher: agent, signal: AbortSignal.timeout(2000) }).catch(() => null);
            return [name, response?.status === 200 ? 'ok' : 'down'] as const;
          }),
        );
        const healthy = checks.every(([, state]) => state === 'ok') && !stopping;
        sendJson(res, healthy ? 200 : 503, { status: healthy ? 'ok' : 'degraded', subgraphs: Object.fromEntries(checks) });
      } else {
        sendJson(res, 404, { error: 'not found' });
      }
    } catch (error) {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000;
  let stopping = false;
  const port = await listen(server, options.port);
  const url = `http://localhost:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    async stop() {
      stopping = true;
      await closeServer(server);
      await apollo.stop();
      await agent.close();
    },
  };
}
