import cluster from 'node:cluster';
import type { ApolloServerPlugin } from '@apollo/server';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from './logger';

/** One Prometheus registry per service, so several services can share a process (as in tests). */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Histogram({
      name: 'pq_graphql_request_duration_seconds',
      help: 'GraphQL requests by operation name and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({ name: 'pq_graphql_errors_total', help: 'GraphQL errors by extensions.code', labelNames: ['code'], registers: [registry] }),
    sqlStatements: new Histogram({
      name: 'pq_sql_statements_per_request',
      help: 'SQL statements one GraphQL request sent',
      buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34],
      registers: [registry],
    }),
    subgraphFetches: new Histogram({
      name: 'pq_subgraph_fetch_duration_seconds',
      help: 'Gateway fetches to subgraphs',
      labelNames: ['subgraph'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    gauge(name: string, help: string, collect: () => Promise<number> | number) {
      return new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          this.set(await collect());
        },
      });
    },
    /** A gauge per value of one label (a subscriber, a subgraph), all read at each scrape. */
    labelledGauge(name: string, help: string, label: string, collect: () => Promise<Record<string, number>>) {
      return new Gauge({
        name,
        help,
        labelNames: [label],
        registers: [registry],
        async collect() {
          this.reset();
          for (const [value, n] of Object.entries(await collect())) this.set({ [label]: value }, n);
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const METRICS_REQUEST = 'pq:metrics-request';
const METRICS_RESPONSE = 'pq:metrics-response';
interface MetricsMessage {
  type?: string;
  id?: number;
  text?: string;
  error?: string;
}

/**
 * What a /metrics scrape answers. Behind node:cluster a scrape reaches one worker, whose counters
 * are only its share of the traffic: the worker asks the primary, which sums every worker's
 * registry (prom-client's AggregatorRegistry, see serveClusterMetrics). Outside a cluster, the
 * registry's own text.
 */
export function metricsExposition(metrics: Metrics): () => Promise<string> {
  if (!cluster.isWorker) return () => metrics.registry.metrics();
  AggregatorRegistry.setRegistries([metrics.registry]);
  // Constructing one installs this worker's answer to the primary's collection requests.
  new AggregatorRegistry();
  const pending = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();
  let nextId = 0;
  process.on('message', (message: MetricsMessage) => {
    const request = message?.type === METRICS_RESPONSE ? pending.get(message.id!) : undefined;
    if (!request) return;
    pending.delete(message.id!);
    if (message.error) request.reject(new Error(message.error));
    else request.resolve(message.text ?? '');
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      process.send!({ type: METRICS_REQUEST, id } satisfies MetricsMessage);
    });
}

/** In a node:cluster primary: answers the workers' metricsExposition with every worker's metrics summed. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: MetricsMessage) => {
    if (message?.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_RESPONSE, id: message.id, text } satisfies MetricsMessage),
      (error: Error) => worker.send({ type: METRICS_RESPONSE, id: message.id, error: error.message } satisfies MetricsMessage),
    );
  });
}

interface LoggedContext {
  requestId: string;
  caller?: { role: string };
}

/**
 * One log line per request (operation, duration, caller role, outcome, request id) and the
 * matching metrics, for the gateway and every subgraph alike.
 */
export function requestObservability<C extends LoggedContext>(logger: Logger, metrics: Metrics, role: (context: C) => string): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          // The codes the client got: formatted, a refusal by a rule carries its own (@pq/graphql/server).
          const answered = response.body.kind === 'single' ? response.body.singleResult.errors : errors;
          const codes = (answered ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const outcome = codes.length ? 'error' : 'ok';
          for (const code of new Set(codes)) metrics.errors.inc({ code });
          const operation = operationName ?? 'anonymous';
          metrics.requests.observe({ operation, outcome }, seconds);
          logger.info(
            {
              requestId: contextValue.requestId,
              operation,
              durationMs: Math.round(seconds * 1000),
              role: role(contextValue),
              outcome,
              ...(codes.length ? { codes: [...new Set(codes)] } : {}),
            },
            'request',
          );
        },
      };
    },
  };
}
