import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { DomainError } from './errors';

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

/** Hands one HTTP request to Apollo Server: the thin adapter its standalone server also uses, without Express. */
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
  }
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers: headerMapOf(req), search, body },
    context,
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

/** One operation of a batch (SubgraphDataSource): the request it belongs to, and the GraphQL request body. */
export interface BatchedOperation {
  requestId: string;
  operation: object;
}

/** What one operation of a batch answered, as it would have answered alone. */
export interface BatchedAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A batch holds the fetches of the requests a gateway serves at once: a few dozen. */
export const MAX_BATCHED_OPERATIONS = 256;

/**
 * Operations the gateway sends together (`POST /graphql/batch`): the fetches that concurrent
 * client requests with the same token make to this subgraph in one turn, one HTTP request
 * instead of one each — on two shared cores the socket writes and HTTP handling of every fetch
 * were a large part of a small request's cost. Each operation runs as if sent alone: under its own
 * request id (`around` counts its statements), with its own context (loaders, audit trail), and
 * the answer is the array of what each would have answered — status, content type and body — so
 * the gateway treats each exactly as a single answer.
 */
export async function serveGraphQLBatch<C extends object>(
  apollo: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  context: (requestId: string) => Promise<C>,
  around: (requestId: string, work: () => Promise<BatchedAnswer>) => Promise<BatchedAnswer>,
): Promise<void> {
  const batch = await readJson(req, res);
  if (batch === undefined) return;
  const wellFormed = (item: unknown): item is BatchedOperation =>
    typeof item === 'object' && item !== null && typeof (item as BatchedOperation).requestId === 'string' && typeof (item as BatchedOperation).operation === 'object' && (item as BatchedOperation).operation !== null;
  if (!Array.isArray(batch) || batch.length === 0 || batch.length > MAX_BATCHED_OPERATIONS || !batch.every(wellFormed)) {
    sendJson(res, 400, { errors: [{ message: `a batch is an array of 1–${MAX_BATCHED_OPERATIONS} { requestId, operation }`, extensions: { code: 'BAD_REQUEST' } }] });
    return;
  }
  const headers = headerMapOf(req);
  const answers = await Promise.all(
    batch.map(({ requestId, operation }) =>
      around(requestId, async () => {
        const result = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers, search: '', body: operation },
          context: () => context(requestId),
        });
        let body = '';
        if (result.body.kind === 'complete') body = result.body.string;
        else for await (const chunk of result.body.asyncIterator) body += chunk;
        return { status: result.status ?? 200, contentType: result.headers.get('content-type') ?? 'application/json', body };
      }),
    ),
  );
  sendJson(res, 200, answers);
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

/** Stops taking connections and lets requests in flight finish, within `graceMs`. */
export function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    // Keep-alive connections turn idle as their last request finishes: close them as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
