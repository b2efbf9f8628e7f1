// Before @apollo/gateway loads: it must find the library as ./federation-internals leaves it.
import './federation-internals';
import './result-shaping';
import { STATUS_CODES } from 'node:http';
import { ApolloGateway, GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { FHIR_OPERATION_HASHES } from './fhir/operations';
import { fhirRoute } from './fhir/routes';
import { graphiqlPage, serveGraphiqlAsset } from './graphiql';
import { personsExport } from './export';
import { passThrough, STREAMED_ENDPOINTS } from './streams';
import { gatherInTurn, Gathering } from '@pq/batching';
import { createErrorFormatter, hidesSchema, inputGuard, parseScalarsAsSubgraphs, publicOperationGuard, refusedOperationStatus } from '@pq/graphql/server';
import {
  createLogger,
  CorsOrigins,
  createMetrics,
  createTokenVerifier,
  Logger,
  MAX_BATCHED_OPERATIONS,
  Metrics,
  metricsExposition,
  requestObservability,
  Route,
  sendJson,
  startHttpShell,
  SubgraphName,
  SUBGRAPHS,
} from '@pq/http';
import { GATEWAY_LIMITS, operationLimits } from '@pq/graphql/limits';
import { GraphQLError } from 'graphql';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { Agent, Dispatcher, fetch as undiciFetch } from 'undici';

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
  /** TOKEN_MAX_LIFETIME_SECONDS: the longest a caller's token may be valid for (default 12 h). */
  tokenMaxLifetimeSeconds?: number;
  /** Committed operations (operations/manifest.json): sendable by hash alone; with `persistedOnly`, the only ones that run. */
  manifest?: Record<string, { name: string; body: string }>;
  persistedOnly?: boolean;
  /** Development: GraphiQL at /graphiql with this query preloaded (never with NODE_ENV=production). */
  graphiql?: { query: string; variables: object; token?: string };
  /** Query depth and cost limits (defaults fit the portals' queries with room to spare: GATEWAY_LIMITS). */
  maxDepth?: number;
  maxCost?: number;
  logger?: Logger;
  /** After SIGTERM, how long to go on serving while /ready answers 503 (SHUTDOWN_DELAY_MS). */
  drainDelayMs?: number;
  /** Browser origins allowed to call /graphql (CORS_ORIGINS); none when absent. */
  corsOrigins?: CorsOrigins;
  /** PUBLIC_URL: the gateway's address as clients reach it (e.g. https://pq.example.cn), in the FHIR view's links; its own http://localhost:<port> when absent. */
  publicUrl?: string;
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

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type Fetch = GraphQLDataSourceProcessOptions<GatewayContext>;

/**
 * Sends the plan's fetches to one subgraph over undici's request API on keep-alive connections,
 * forwarding the caller's token (subgraphs verify it again) and the request id (they log and
 * audit under it), and times each fetch. RemoteGraphQLDataSource builds node-fetch Headers and a
 * Request per fetch and needs a WHATWG fetch beneath it (web streams, abort signals): at the
 * gateway's request rates that bookkeeping was a quarter of its CPU.
 *
 * The fetches that concurrent client requests with the same token make to this subgraph in one
 * turn of the event loop go as one batch: a JSON array of their operations on `/graphql`, as
 * Apollo Router's subgraph batching sends it and Apollo Server serves it. Each operation carries
 * the request id of the client request it serves in `extensions.requestId`; a fetch alone goes as
 * a plain GraphQL request with the id in `x-request-id`. On two shared cores a socket write and
 * the HTTP handling at both ends were a large part of a small fetch's cost (bench/HISTORY.md).
 *
 * A single answer is read as RemoteGraphQLDataSource reads one: a non-2xx answer becomes a
 * GraphQLError `<status>: <text>` carrying the body, 401/403 with their codes. A batch is answered
 * with one GraphQL response per operation, each that fetch's answer with its errors' codes;
 * Apollo Server reports one HTTP status for the whole batch (the operations share it), so the
 * status fails every fetch only when the batch itself was refused (no array of answers).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly origin: string;
  private readonly path: string;
  /** The fetches gathered in this turn, per token. */
  private readonly gathering: Gathering<Fetch, GatewayGraphQLResponse> = new Map();

  constructor(
    url: string,
    private readonly subgraph: string,
    private readonly dispatcher: Dispatcher,
    private readonly metrics: Metrics,
  ) {
    const parsed = new URL(url);
    this.origin = parsed.origin;
    this.path = `${parsed.pathname}${parsed.search}`;
  }

  async process(fetch: Fetch): Promise<GatewayGraphQLResponse> {
    if (!fetch.request.query) throw new Error('Missing query');
    return gatherInTurn(
      this.gathering,
      (fetch.context as Partial<GatewayContext>).authorization ?? '',
      fetch,
      (fetches: Fetch[]) => (fetches.length === 1 ? this.sendOne(fetches[0]).then((answer) => [answer]) : this.sendBatches(fetches)),
      { maxTurns: GATHER_TURNS },
    );
  }

  private async sendOne({ request, context }: Fetch): Promise<GatewayGraphQLResponse> {
    const ctx = context as Partial<GatewayContext>;
    const headers = this.headers(ctx.authorization);
    if (ctx.requestId) headers['x-request-id'] = ctx.requestId;
    const { status, contentType, text } = await this.post(headers, JSON.stringify(operationOf(request)), 1);
    return responseOf(this.bodyOf(status, contentType, text), text);
  }

  /**
   * A turn's fetches as the batches a subgraph accepts — at most MAX_BATCHED_OPERATIONS operations
   * and MAX_BATCH_BYTES of JSON each — sent at once; each operation is serialised once.
   */
  private async sendBatches(fetches: Fetch[]): Promise<(GatewayGraphQLResponse | Error)[]> {
    const batches: { fetches: Fetch[]; operations: string[]; bytes: number }[] = [];
    for (const fetch of fetches) {
      const { request, context } = fetch;
      const { requestId } = context as Partial<GatewayContext>;
      const operation = JSON.stringify(requestId ? { ...operationOf(request), extensions: { ...request.extensions, requestId } } : operationOf(request));
      let batch = batches[batches.length - 1];
      if (!batch || batch.fetches.length === MAX_BATCHED_OPERATIONS || (batch.fetches.length > 0 && batch.bytes + operation.length > MAX_BATCH_BYTES)) {
        batch = { fetches: [], operations: [], bytes: 0 };
        batches.push(batch);
      }
      batch.fetches.push(fetch);
      batch.operations.push(operation);
      batch.bytes += operation.length + 1;
    }
    return (await Promise.all(batches.map((batch) => this.sendMany(batch.fetches, `[${batch.operations.join(',')}]`)))).flat();
  }

  private async sendMany(fetches: Fetch[], body: string): Promise<(GatewayGraphQLResponse | Error)[]> {
    const { status, contentType, text } = await this.post(this.headers((fetches[0].context as Partial<GatewayContext>).authorization), body, fetches.length);
    const answers = isJson(contentType) ? parsedOrUndefined(text) : undefined;
    if (Array.isArray(answers) && answers.length === fetches.length) return answers.map((answer) => settled(() => responseOf(answer)));
    // The batch itself refused (a bad token, a body too large, a subgraph not serving batches): every fetch gets that answer.
    const refusal = settled(() => this.bodyOf(status, contentType, text));
    return fetches.map(() => (refusal instanceof Error ? refusal : new Error(`Expected a JSON array of ${fetches.length} responses, but received: ${text}`)));
  }

  private async post(headers: Record<string, string>, body: string, fetches: number): Promise<{ status: number; contentType: string; text: string }> {
    const started = process.hrtime.bigint();
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      response = await this.dispatcher.request({ origin: this.origin, path: this.path, method: 'POST', headers, body });
      text = await response.body.text();
    } catch {
      throw unavailable(this.subgraph);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (let i = 0; i < fetches; i++) this.metrics.subgraphFetches.observe({ subgraph: this.subgraph }, seconds);
    return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), text };
  }

  private headers(authorization: string | undefined): Record<string, string> {
    return authorization ? { 'content-type': 'application/json', authorization } : { 'content-type': 'application/json' };
  }

  /** An answer's body; a non-2xx answer fails the fetch as with RemoteGraphQLDataSource. */
  private bodyOf(status: number, contentType: string, text: string): unknown {
    if (status === 502 || status === 503 || status === 504) throw unavailable(this.subgraph);
    const body: unknown = isJson(contentType) ? JSON.parse(text) : text;
    if (status < 200 || status > 299) {
      const statusText = STATUS_CODES[status] ?? '';
      throw new GraphQLError(`${status}: ${statusText}`, {
        extensions: {
          response: { url: `${this.origin}${this.path}`, status, statusText, body },
          ...(status === 401 ? { code: 'UNAUTHENTICATED' } : status === 403 ? { code: 'FORBIDDEN' } : {}),
        },
      });
    }
    return body;
  }
}

/**
 * A subgraph that cannot be reached (refused, reset, or a balancer without a replica): HTTP 503,
 * and `retryable` tells a client that asking again is safe (a mutation with its idempotency key).
 */
const unavailable = (subgraph: string) =>
  new GraphQLError(`the ${subgraph} service cannot be reached now; retry later`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, serviceName: subgraph, http: { status: 503 } },
  });

/**
 * A busy gateway's batch to a subgraph goes on gathering for up to this many turns of the event
 * loop while fetches keep joining it: the answers one batch brings back are written to their
 * clients in one turn, and the clients' next requests arrive in the turns after. Gathered in one
 * turn, batches held about 13 fetches; in up to three, the subgraphs spent a third less CPU per
 * dashboard (bench/profiles.md). An idle gateway's fetch leaves after its first turn, as before.
 */
const GATHER_TURNS = 3;

const operationOf = ({ query, variables, operationName, extensions }: Fetch['request']) => ({ query, variables, operationName, extensions });
/** Well under a subgraph's request-body limit, so a turn's large fetches (20,000-line audits) go in several batches. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

const isJson = (contentType: string) => contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json');

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A GraphQL response body, or the error that fails the fetch (quoting the text it came as; a batch's answer is written out again only then). */
function responseOf(body: unknown, text?: string): GatewayGraphQLResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error(`Expected JSON response body, but received: ${text ?? (typeof body === 'string' ? body : JSON.stringify(body))}`);
  return body as GatewayGraphQLResponse;
}

/** A batched fetch's answer, or the error that fails that fetch alone. */
function settled<T>(read: () => T): T | Error {
  try {
    return read();
  } catch (error) {
    return error as Error;
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
        // Apollo Server's query hash is the SHA-256 of the document, as the manifest's keys are.
        async didResolveOperation({ queryHash }) {
          if (!(queryHash in manifest)) {
            throw new GraphQLError('only the operations of the committed manifest run here (PERSISTED_ONLY)', {
              extensions: { code: 'PERSISTED_QUERY_NOT_IN_SAFELIST', http: { status: 200 } },
            });
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

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger('gateway');
  const verifier = createTokenVerifier({ secret: options.jwtSecret, jwksUrl: options.jwksUrl, maxLifetimeSeconds: options.tokenMaxLifetimeSeconds });
  const agent = new Agent({ keepAliveTimeout: 60_000, connections: 64, pipelining: 1 });
  const metrics = createMetrics('gateway');
  const metricsText = metricsExposition(metrics);
  // Apollo Gateway reports the host (OS, CPUs, memory, uptime) to Apollo every hour unless this says no: nothing leaves for a third party by default.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => new SubgraphDataSource(options.subgraphUrls[name as SubgraphName], name, agent, metrics),
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => parseScalarsAsSubgraphs(apiSchema));
  const limits = operationLimits<GatewayContext>({
    ...GATEWAY_LIMITS,
    maxDepth: options.maxDepth ?? GATEWAY_LIMITS.maxDepth,
    maxCost: options.maxCost ?? GATEWAY_LIMITS.maxCost,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    persistedQueries: { cache: await persistedQueryCache(options.manifest ?? {}) },
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      // Answers are per caller and never HTTP-cached: no cache-control bookkeeping per request.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads from a CDN; GraphiQL is served from /graphiql instead.
      ApolloServerPluginLandingPageDisabled(),
      publicOperationGuard<GatewayContext>((context) => !context.authorization),
      refusedOperationStatus<GatewayContext>(),
      limits.plugin,
      inputGuard<GatewayContext>(),
      requestObservability<GatewayContext>(logger, metrics, (context) => context.role),
      ...(options.persistedOnly ? [safelist({ ...options.manifest, ...FHIR_OPERATION_HASHES })] : []),
    ],
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !hidesSchema(),
    // SIGTERM is ours (src/index.ts): Apollo Server's own handler would stop it and re-raise the signal while requests are in flight.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  /** Each subgraph's answer to `path` (`ok` or `down`), and the provisional calendar years the ready ones report. */
  const probeSubgraphs = async (path: '/health' | '/ready') => {
    const provisionalYears = new Set<number>();
    const checks = await Promise.all(
      SUBGRAPHS.map(async (name) => {
        const response = await undiciFetch(new URL(path, options.subgraphUrls[name]), { dispatcher: agent, signal: AbortSignal.timeout(2000) }).catch(
          () => null,
        );
        const body = (await response?.json().catch(() => null)) as { calendar?: { provisionalYears?: number[] } } | null | undefined;
        for (const year of body?.calendar?.provisionalYears ?? []) provisionalYears.add(year);
        return [name, response?.status === 200 ? 'ok' : 'down'] as const;
      }),
    );
    return { subgraphs: Object.fromEntries(checks) as Record<SubgraphName, 'ok' | 'down'>, provisionalYears: [...provisionalYears].sort() };
  };
  metrics.labelledGauge('pq_subgraph_ready', 'Whether the gateway finds each subgraph ready (1) or not (0)', 'subgraph', async () =>
    Object.fromEntries(Object.entries((await probeSubgraphs('/ready')).subgraphs).map(([name, state]) => [name, state === 'ok' ? 1 : 0])),
  );
  /**
   * docs/operations.md, Endpoints. The gateway is ready while it can serve: started, not stopping,
   * and at least one subgraph ready. A subgraph that is down fails only the fields it owns, so it
   * is reported (`degraded`, `subgraphs`) rather than taking every gateway out of the balancer.
   */
  const probe = async (path: '/health' | '/ready', stopping: boolean) => {
    const { subgraphs, provisionalYears } = await probeSubgraphs(path);
    const states = Object.values(subgraphs);
    const ok = !stopping && (path === '/health' || states.includes('ok'));
    const status = stopping ? 'stopping' : states.every((state) => state === 'ok') ? 'ok' : states.includes('ok') ? 'degraded' : 'unavailable';
    return { ok, body: { status, subgraphs, ...(path === '/ready' ? { calendar: { provisionalYears } } : {}) } };
  };
  const graphiql = options.graphiql;
  // Known once the shell listens (port 0 picks one); set before it serves a request.
  let fhirBase = '';
  const shell = await startHttpShell<GatewayContext>({
    port: options.port,
    logger,
    apollo,
    async context(req, requestId) {
      // Refuse a bad token here already; a missing one is the public caller, refused by the subgraphs where it matters.
      const caller = await verifier.verify(req.headers.authorization);
      return { authorization: req.headers.authorization, requestId, role: caller.role };
    },
    metrics: { contentType: metrics.registry.contentType, text: metricsText },
    health: (stopping) => probe('/health', stopping),
    ready: (stopping) => probe('/ready', stopping),
    drainDelayMs: options.drainDelayMs,
    corsOrigins: options.corsOrigins ?? [],
    routes: [
      ...STREAMED_ENDPOINTS.map((endpoint) => passThrough(endpoint, options.subgraphUrls[endpoint.subgraph], agent)),
      fhirRoute({ apollo, verify: (authorization) => verifier.verify(authorization), baseUrl: () => fhirBase, logger }),
      personsExport(options.subgraphUrls, agent),
      ...(graphiql && process.env.NODE_ENV !== 'production'
        ? ([
            {
              method: 'GET',
              path: '/graphiql/*',
              handle(_req, res, path) {
                if (path === '/graphiql' || path === '/graphiql/') {
                  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
                  res.end(graphiqlPage(graphiql));
                } else if (!serveGraphiqlAsset(path.slice('/graphiql/'.length), res)) {
                  sendJson(res, 404, { error: 'not found' });
                }
              },
            },
          ] satisfies Route[])
        : []),
    ],
  });
  const { url } = shell;
  fhirBase = `${new URL(options.publicUrl ?? new URL(url).origin).href.replace(/\/+$/, '')}/fhir`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    async stop() {
      await shell.stop();
      await apollo.stop();
      await agent.close();
    },
  };
}
