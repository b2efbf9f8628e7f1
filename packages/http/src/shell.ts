import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { DomainError, ErrorCode } from '@pq/errors';
import { GraphQLError } from 'graphql';
import { CorsOrigins, corsHandler } from './cors';
import type { Logger } from './logger';

/** Batch inputs (thousands of claim lines) are large but bounded. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  // Stream events rather than `for await`: the async iterator costs promises per chunk on every request.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new DomainError('BAD_USER_INPUT', `request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The request's headers as Apollo Server takes them. */
function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** The parsed JSON body; a body too large or not JSON is answered here (with its code) and gives `undefined`. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A refused body is the caller's mistake, with its code, at the gateway as at a subgraph.
    sendJson(res, 413, { errors: [{ message: error.message, extensions: { code: error.code } }] });
    return undefined;
  }
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    sendJson(res, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    return undefined;
  }
}

/** The HTTP status of a refusal answered before any operation runs: the caller's mistake, never a 500. */
export function refusalStatus(code: ErrorCode): number {
  return code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : 400;
}

/**
 * The request's context, or its refusal (a bad or expired token) as a GraphQL error with its
 * code and status: Apollo Server answers any other error from a context function with 500.
 */
function contextOrRefusal<C>(context: () => Promise<C>): () => Promise<C> {
  return async () => {
    try {
      return await context();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new GraphQLError(error.message, {
        originalError: error,
        extensions: { code: error.code, ...error.details, http: { status: refusalStatus(error.code) } },
      });
    }
  };
}

/** A batch holds the fetches of the requests a gateway serves at once: a few dozen. */
export const MAX_BATCHED_OPERATIONS = 256;

/**
 * Parsing is the work a server does before any limit on an operation applies (about 85 ms per
 * megabyte of document here), so documents are bounded by size first: each one, and a batch's
 * together. A gateway's fetches and the portals' operations are a few kilobytes.
 */
export const MAX_DOCUMENT_CHARS = 100_000;
export const MAX_BATCH_DOCUMENT_CHARS = 1_000_000;

/**
 * A batch is a JSON array of GraphQL operations on `/graphql` (Apollo Server's batched HTTP
 * requests, what Apollo Router's subgraph batching sends). Its operations are checked here, all
 * before any runs: Apollo Server refuses a malformed operation only after starting the others.
 */
function isBatchOperation(item: unknown): boolean {
  const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(item) || Object.keys(item as object).length === 0) return false;
  const { query, variables, operationName, extensions } = item as Record<string, unknown>;
  return (
    (query === undefined || typeof query === 'string') &&
    (variables === undefined || variables === null || isRecord(variables)) &&
    (operationName === undefined || operationName === null || typeof operationName === 'string') &&
    (extensions === undefined ||
      extensions === null ||
      (isRecord(extensions) && ['undefined', 'string'].includes(typeof (extensions as Record<string, unknown>).requestId)))
  );
}

/** Which size limit the documents of a request body exceed, if any. */
function documentsTooLarge(body: unknown): { message: string; limit: number } | undefined {
  const lengths = (Array.isArray(body) ? body : [body]).map((operation) => {
    const query = (operation as { query?: unknown } | null)?.query;
    return typeof query === 'string' ? query.length : 0;
  });
  if (lengths.some((length) => length > MAX_DOCUMENT_CHARS))
    return { message: `a GraphQL document has at most ${MAX_DOCUMENT_CHARS} characters`, limit: MAX_DOCUMENT_CHARS };
  if (lengths.reduce((sum, length) => sum + length, 0) > MAX_BATCH_DOCUMENT_CHARS)
    return { message: `a batch's GraphQL documents have at most ${MAX_BATCH_DOCUMENT_CHARS} characters together`, limit: MAX_BATCH_DOCUMENT_CHARS };
  return undefined;
}

/**
 * The request id an operation runs under: its own `extensions.requestId` (each operation of a
 * batch carries the id of the client request it serves), else the HTTP request's `x-request-id`.
 */
export function operationRequestId(extensions: Record<string, unknown> | undefined, requestId: string): string {
  return typeof extensions?.requestId === 'string' ? extensions.requestId : requestId;
}

/**
 * Hands one HTTP request to Apollo Server: the thin adapter its standalone server also uses,
 * without Express. A batch gets one context; Apollo Server gives each of its operations a
 * shallow copy, which a subgraph completes per operation (@pq/subgraph, operationContext).
 */
export async function serveGraphQL<C extends object>(
  apollo: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<C>,
): Promise<void> {
  const queryStart = req.url?.indexOf('?') ?? -1;
  const search = queryStart >= 0 ? req.url!.slice(queryStart) : '';
  let body: unknown;
  if (req.method === 'POST') {
    body = await readJson(req, res);
    if (body === undefined) return;
    if (Array.isArray(body) && (body.length === 0 || body.length > MAX_BATCHED_OPERATIONS || !body.every(isBatchOperation))) {
      sendJson(res, 400, {
        errors: [{ message: `a batch is an array of 1–${MAX_BATCHED_OPERATIONS} GraphQL operations`, extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
    const tooLarge = documentsTooLarge(body);
    if (tooLarge) {
      sendJson(res, 400, { errors: [{ message: tooLarge.message, extensions: { code: 'BAD_USER_INPUT', limit: tooLarge.limit } }] });
      return;
    }
  }
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers: headerMapOf(req), search, body },
    context: contextOrRefusal(context),
  });
  for (const [name, value] of result.headers) res.setHeader(name, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Sweeps (every 50 ms, an event-loop turn between each) a connection must stay quiet — no request
 * in hand, no byte read — before a stopping server closes it: two for a connection that has had
 * an answer, twenty for one that has not finished sending its first request.
 */
const QUIET_SWEEPS = { served: 2, fresh: 20 };

/**
 * Tracks a server's connections so that it can stop without cutting a request short: it stops
 * listening once its backlog is empty, answers every request it has, and closes a connection only
 * once it has stayed quiet.
 * http.Server#close would close every connection it finds idle at once, among them connections
 * just accepted whose requests are not read yet — on a busy process, many — and their clients
 * would see a reset for requests they had sent. Quietness is counted in sweeps, not time: after a
 * long synchronous stretch timers run before pending input is read.
 */
export function trackConnections(server: Server): { close(graceMs?: number): Promise<void> } {
  const connections = new Map<Socket, { requests: number; served: boolean; bytesRead: number; quietSweeps: number }>();
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    connections.set(socket, { requests: 0, served: false, bytesRead: 0, quietSweeps: 0 });
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = connections.get(req.socket);
    if (!state) return;
    state.requests++;
    res.once('close', () => {
      state.requests--;
      state.served = true;
    });
  });
  return {
    close: (graceMs = 10_000) =>
      new Promise((resolve) => {
        const started = Date.now();
        let listening = true;
        let acceptedBefore = accepted;
        let sweepsWithoutAccept = 0;
        const sweep = setInterval(() => {
          const overdue = Date.now() - started > graceMs;
          sweepsWithoutAccept = accepted === acceptedBefore ? sweepsWithoutAccept + 1 : 0;
          acceptedBefore = accepted;
          // Closing the listening socket resets the connections still in its backlog, and a busy
          // process accepts only a few per event-loop turn: it closes once a turn accepts none.
          if (listening && (sweepsWithoutAccept >= 2 || overdue)) {
            listening = false;
            setImmediate(() =>
              netServerClose.call(server, () => {
                clearInterval(sweep);
                resolve();
              }),
            );
          }
          for (const [socket, state] of connections) {
            const quiet = state.requests === 0 && socket.bytesRead === state.bytesRead;
            state.bytesRead = socket.bytesRead;
            state.quietSweeps = quiet ? state.quietSweeps + 1 : 0;
            if (overdue || state.quietSweeps >= (state.served ? QUIET_SWEEPS.served : QUIET_SWEEPS.fresh)) socket.destroy();
          }
        }, 50);
      }),
  };
}
const netServerClose = NetServer.prototype.close;

/** What /health or /ready found: 200 with `body` when `ok`, else 503. */
export interface Probe {
  ok: boolean;
  body: object;
}

/** An endpoint beside the shell's own; a `path` ending in `/*` takes the paths below it too. */
export interface Route {
  /** Any method when absent. */
  method?: 'GET' | 'POST';
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> | void;
}

export interface HttpShellOptions<C extends object> {
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
  apollo: ApolloServer<C>;
  /** The context of one request to /graphql, under its `x-request-id` (or a new one). */
  context(req: IncomingMessage, requestId: string): Promise<C>;
  /** The Prometheus exposition for /metrics. */
  metrics: { contentType: string; text(): Promise<string> };
  /** Liveness and readiness; `stopping` once `stop()` was called. */
  health(stopping: boolean): Promise<Probe>;
  ready(stopping: boolean): Promise<Probe>;
  routes?: Route[];
  /** Browser origins allowed to call /graphql (CORS_ORIGINS, the gateway's alone); without it, no CORS answer at all. */
  corsOrigins?: CorsOrigins;
  /**
   * After `stop()`, how long the shell goes on serving — `/ready` answering 503, every answer
   * closing its connection — before it stops listening: the time a balancer needs to take it out
   * of rotation (SHUTDOWN_DELAY_MS, docs/operations.md). 0 stops listening at once.
   */
  drainDelayMs?: number;
}

export interface HttpShell {
  /** The GraphQL endpoint. */
  url: string;
  /** Takes no new connection, lets the requests in flight finish. */
  stop(): Promise<void>;
}

/**
 * The HTTP server of the gateway and of every subgraph: /graphql (body limit, batches), /health,
 * /ready, /metrics and the caller's routes. A refusal by a rule answers with its code's status
 * (401, 403, else 400); anything unexpected is logged and answered 500 without details.
 */
export async function startHttpShell<C extends object>(options: HttpShellOptions<C>): Promise<HttpShell> {
  const { apollo, logger } = options;
  let stopping = false;
  const probe = async (res: ServerResponse, check: Promise<Probe>) => {
    const { ok, body } = await check;
    sendJson(res, ok ? 200 : 503, body);
  };
  const cors = options.corsOrigins && corsHandler(options.corsOrigins);
  const builtIn: Route[] = [
    {
      // Apollo Server answers GET (queries in the URL) and refuses other methods itself.
      path: '/graphql',
      handle: async (req, res) => {
        if (cors && (await cors(req, res))) return;
        await serveGraphQL(apollo, req, res, () => options.context(req, (req.headers['x-request-id'] as string | undefined) ?? randomUUID()));
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handle: async (_req, res) => {
        res.writeHead(200, { 'content-type': options.metrics.contentType });
        res.end(await options.metrics.text());
      },
    },
    { method: 'GET', path: '/health', handle: (_req, res) => probe(res, options.health(stopping)) },
    { method: 'GET', path: '/ready', handle: (_req, res) => probe(res, options.ready(stopping)) },
  ];
  const routes = [...builtIn, ...(options.routes ?? [])];
  // Every failure is answered inside: the server has nothing to do with the promise.
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // A client keeping this connection would send its next request to a server about to close it.
    if (stopping) res.setHeader('connection', 'close');
    try {
      const path = (req.url ?? '/').split('?')[0];
      const route = routes.find(
        (r) =>
          (!r.method || r.method === req.method) &&
          (r.path === path || (r.path.endsWith('/*') && (path === r.path.slice(0, -2) || path.startsWith(r.path.slice(0, -1))))),
      );
      if (route) await route.handle(req, res, path);
      else sendJson(res, 404, { error: 'not found' });
    } catch (error) {
      const status = error instanceof DomainError ? refusalStatus(error.code) : 500;
      if (status === 500) logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, status, { error: status === 500 ? 'internal error' : (error as Error).message });
      else res.end();
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 65_000;
  const connections = trackConnections(server);
  const port = await listen(server, options.port);
  return {
    url: `http://localhost:${port}/graphql`,
    async stop() {
      stopping = true;
      if (options.drainDelayMs) await new Promise((resolve) => setTimeout(resolve, options.drainDelayMs));
      await connections.close();
    },
  };
}
