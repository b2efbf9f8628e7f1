import { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Dispatcher } from 'undici';
import { Route, sendJson, SubgraphName } from '@pq/http';

/** A streamed endpoint (an export, the audit of a claims file), served under the same path by the subgraph owning its data. */
export interface StreamedEndpoint {
  method: 'GET' | 'POST';
  path: string;
  subgraph: SubgraphName;
}

export const STREAMED_ENDPOINTS: StreamedEndpoint[] = [
  // auditClaims over a whole claims file (docs/claims-audit.md).
  { method: 'POST', path: '/claims/audit', subgraph: 'registry' },
  // Bulk exports (docs/export.md); persons are joined with scoring's points here (./export.ts).
  { method: 'GET', path: '/export/registrations', subgraph: 'registry' },
  { method: 'GET', path: '/export/points', subgraph: 'scoring' },
  { method: 'GET', path: '/export/score-records', subgraph: 'scoring' },
  { method: 'GET', path: '/export/sanctions', subgraph: 'scoring' },
  { method: 'GET', path: '/export/appeals', subgraph: 'appeals' },
];

export const REQUEST_HEADERS = ['authorization', 'x-request-id', 'content-type', 'accept', 'content-length'];
export const ANSWER_HEADERS = ['content-type', 'content-disposition', 'content-length', 'cache-control'];

export const pick = (headers: Record<string, string | string[] | undefined>, names: string[]) =>
  Object.fromEntries(names.filter((name) => headers[name] !== undefined).map((name) => [name, headers[name] as string | string[]]));

/**
 * Passes a streamed request to its subgraph and the answer back as it comes, neither body held in
 * memory; the subgraph checks the token, the scope and the input, as it does for /graphql.
 */
export function passThrough(endpoint: StreamedEndpoint, subgraphUrl: string, agent: Dispatcher): Route {
  const origin = new URL(subgraphUrl).origin;
  return {
    method: endpoint.method,
    path: endpoint.path,
    async handle(req: IncomingMessage, res: ServerResponse) {
      const answer = await requestSubgraph(agent, endpoint.subgraph, req, res, {
        origin,
        path: req.url ?? endpoint.path,
        method: endpoint.method,
        headers: pick(req.headers, REQUEST_HEADERS),
        body: endpoint.method === 'POST' ? req : undefined,
      });
      if (!answer) return;
      res.writeHead(answer.statusCode, pick(answer.headers, ANSWER_HEADERS));
      await pipeline(answer.body, res).catch((error: unknown) => {
        if (!clientWentAway(res, error)) throw error;
      });
    },
  };
}

/**
 * A subgraph's answer, or undefined once a subgraph that cannot be reached was answered 503 with
 * `retryable`, as /graphql and the FHIR view answer it: the client's retry is safe, not its mistake.
 */
export async function requestSubgraph(
  agent: Dispatcher,
  subgraph: SubgraphName,
  req: IncomingMessage,
  res: ServerResponse,
  options: Dispatcher.RequestOptions,
): Promise<Dispatcher.ResponseData | undefined> {
  try {
    return await agent.request(options);
  } catch {
    req.resume();
    const message = `the ${subgraph} service cannot be reached now; retry later`;
    sendJson(res, 503, { errors: [{ message, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, serviceName: subgraph } }] });
    return undefined;
  }
}

/** A client that went away mid-answer is no fault of ours: the subgraph sees its answer cut and audits it so. */
export function clientWentAway(res: ServerResponse, error: unknown): boolean {
  return res.destroyed && (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE';
}
