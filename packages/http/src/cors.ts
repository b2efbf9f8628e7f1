import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';

/** Origins a browser may call /graphql from: exact origins, or a pattern (development's localhost). */
export type CorsOrigins = (string | RegExp)[];

/** Any port of localhost: a portal under development (`npm start` outside production). */
export const LOCALHOST_ORIGINS: CorsOrigins = [/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/];

/**
 * CORS_ORIGINS, comma-separated (docs/operations.md): the only origins allowed. Unset, production
 * allows none and development allows localhost; an empty value allows none anywhere.
 */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): CorsOrigins {
  if (env.CORS_ORIGINS === undefined) return env.NODE_ENV === 'production' ? [] : LOCALHOST_ORIGINS;
  return env.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

/** Preflights are cached by the browser for this long (seconds). */
const PREFLIGHT_MAX_AGE = 600;

/**
 * Answers CORS for /graphql: a preflight (OPTIONS) with 204 and what may be sent, and
 * `Access-Control-Allow-Origin` for a listed origin only (`Vary: Origin` always). Apollo's CSRF
 * prevention still refuses simple requests: CORS only lets listed pages read the answers.
 * Resolves `true` when the request was answered here (a preflight).
 */
export function corsHandler(origins: CorsOrigins): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const middleware = cors({
    // An array even when empty: `false` would switch the middleware off, preflights unanswered.
    origin: origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['x-request-id'],
    maxAge: PREFLIGHT_MAX_AGE,
  });
  return (req, res) =>
    new Promise((resolve, reject) => {
      // The middleware ends a preflight itself and calls `next` for every other request.
      middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve(false)));
      if (res.writableEnded) resolve(true);
    });
}
