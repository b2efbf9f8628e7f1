/**
 * The one HTTP shell of the gateway and the subgraphs (/graphql with batches, /health, /ready,
 * /metrics), token verification, configuration and ports, logs and metrics. Tracing is
 * `@pq/http/tracing`, imported first by every entry point.
 */
export * from './auth';
export * from './config';
export * from './cors';
export * from './logger';
export * from './observability';
export * from './shell';
