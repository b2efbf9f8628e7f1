import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Caller } from '@pq/caller';
import {
  AuditScope,
  AuditTrail,
  countStatementsFromHere,
  DatabaseOptions,
  EntityManager,
  MigrationEntry,
  migrate,
  MikroORM,
  openDatabase,
  queryRows,
} from '@pq/data';
import { DomainError } from '@pq/errors';
import {
  applyDeliveredEvents,
  countDeadLetters,
  DeliveryHooks,
  DomainEvent,
  EventHandlers,
  EventMap,
  Outbox,
  OutboxRelay,
  RelayOptions,
  Sql,
} from '@pq/events';
import { isUuid } from '@pq/graphql';
import { operationLimits, SUBGRAPH_LIMITS } from '@pq/graphql/limits';
import { createErrorFormatter, hidesSchema, inputGuard, publicOperationGuard, subgraphSdlGuard } from '@pq/graphql/server';
import {
  createLogger,
  createMetrics,
  createTokenVerifier,
  databaseUrlFromEnv,
  jwtSecretFromEnv,
  Logger,
  numberFromEnv,
  Metrics,
  operationRequestId,
  readBody,
  requestObservability,
  sendJson,
  signToken,
  startHttpShell,
  subgraphPortFromEnv,
  subgraphUrlsFromEnv,
  SubgraphName,
  SUBGRAPHS,
  tokenMaxLifetimeFromEnv,
} from '@pq/http';
import { shutdownTracing } from '@pq/http/tracing';
import { Clock, systemClock } from '@pq/time';
import { calendarFromEnvironment, reloadCalendarOnSignal, WorkingDayCalendar } from '@pq/time/files';
import type { GraphQLSchema } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequestContext, RequestContext } from './context';

/** What makes a subgraph: the same parts in each of the four. */
export interface SubgraphDefinition<Loaders, Consumed extends EventMap = EventMap> {
  name: SubgraphName;
  entities: DatabaseOptions['entities'];
  migrations: MigrationEntry[];
  buildSchema(): Promise<GraphQLSchema>;
  createLoaders(em: EntityManager, caller: Caller): Loaders;
  /** The events it publishes and who subscribes to each (src/events/payloads.ts). */
  outbox: Outbox<EventMap>;
  /** The events it applies, as it reads them (src/events/consumed.ts). */
  eventHandlers: EventHandlers<Consumed>;
  /** What it does around each delivery of events, in the delivery's transaction. */
  deliveryHooks?: DeliveryHooks;
  /** Work the subgraph does on its own at intervals (deadlines that act by themselves). */
  scheduled?: ScheduledJob;
  /**
   * Recomputes the open deadlines the subgraph stores (they are queried in SQL) from their
   * start dates, at start and after every calendar reload: an official year replacing a
   * provisional one moves them.
   */
  recomputeDeadlines?(em: EntityManager, calendar: WorkingDayCalendar, today: string): Promise<unknown>;
  /** HTTP endpoints that stream (exports, audits of claim files): sets too large for one GraphQL answer. */
  streams?: StreamRoute<Loaders>[];
}

/**
 * A streamed endpoint of a subgraph. The runner checks the token as /graphql does and gives the
 * handler one request context; the reads it records are audited when it ends, its statements counted.
 */
export interface StreamRoute<Loaders> {
  method: 'GET' | 'POST';
  /** The public path, e.g. `/claims/audit`; the gateway passes it through (gateway/src/streams.ts). */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, context: RequestContext<Loaders>): Promise<void>;
}

export interface ScheduledJob {
  name: string;
  everyMs: number;
  /** Does the work due today; gives what it changed (persons, institutions) with the scope of each, logged and audited by the runner. */
  run(em: EntityManager, today: string): Promise<{ target: string; scope: AuditScope }[]>;
}

/**
 * One run of a scheduled job in one replica at a time: it runs under a transaction-level advisory
 * lock it only tries for. A run that changed something writes a log line and, in its transaction,
 * an audit entry per target (caller `system:<job>`); a run that changed nothing leaves no trace.
 */
export async function runScheduledJob(schema: string, job: ScheduledJob, orm: MikroORM, logger: Logger, today: string): Promise<string[] | undefined> {
  const changed = await orm.em.fork().transactional(async (em) => {
    const [{ locked }] = await queryRows<{ locked: boolean }>(em as EntityManager, {
      text: 'select pg_try_advisory_xact_lock(hashtext($1)) as locked',
      values: [`job:${schema}:${job.name}`],
    });
    if (!locked) return undefined;
    const changes = await job.run(em as EntityManager, today);
    const audit = new AuditTrail(schema, { sub: `system:${job.name}`, role: 'SERVICE', region: '' }, `job:${job.name}:${today}`);
    for (const { target, scope } of changes) audit.record({ operation: job.name, target, scope });
    await audit.flush(() => em as EntityManager);
    return changes.map((change) => change.target);
  });
  if (changed?.length)
    logger.info({ job: job.name, today, changed: changed.length, targets: changed.slice(0, 50) }, `scheduled job ${job.name}: ${changed.length} changed`);
  return changed;
}

export interface ServiceOptions {
  /** 0 picks a free port. */
  port: number;
  databaseUrl: string;
  /** GraphQL endpoints of all subgraphs; events go to `/events` beside them. */
  subgraphUrls: Record<SubgraphName, string>;
  jwtSecret: string;
  /** Production: callers' tokens verified with this JWKS; the secret then signs service tokens only. */
  jwksUrl?: string;
  /** TOKEN_MAX_LIFETIME_SECONDS: the longest a caller's token may be valid for (default 12 h). */
  tokenMaxLifetimeSeconds?: number;
  clock?: Clock;
  calendar?: WorkingDayCalendar;
  logger?: Logger;
  /** Event delivery: attempts before a dead letter, retry wait, relay lease (docs/operations.md, Events). */
  events?: Pick<RelayOptions, 'maxAttempts' | 'retryBaseMs' | 'leaseMs' | 'lingerMs' | 'pollMs'>;
  /** After SIGTERM, how long to go on serving while /ready answers 503 (SHUTDOWN_DELAY_MS). */
  drainDelayMs?: number;
}

export interface RunningService {
  name: SubgraphName;
  url: string;
  orm: MikroORM;
  relay: OutboxRelay;
  stop(): Promise<void>;
}

/**
 * Gives each operation its own request id, entity manager, loaders and audit trail, counts its
 * SQL statements, and writes its audited reads (full ID numbers) when it ends. Apollo Server
 * builds one context per HTTP request and hands each operation of a batch a shallow copy of it:
 * that copy is completed here. A lone operation keeps the context built for its request.
 */
function operationContext<Loaders>(
  name: SubgraphName,
  orm: MikroORM,
  metrics: Metrics,
  build: (caller: Caller, requestId: string) => RequestContext<Loaders>,
): ApolloServerPlugin<RequestContext<Loaders>> {
  return {
    async requestDidStart({ request, contextValue, requestIsBatched }) {
      const requestId = operationRequestId(request.extensions, contextValue.requestId);
      if (requestIsBatched || requestId !== contextValue.requestId) Object.assign(contextValue, build(contextValue.caller, requestId));
      const counted = countStatementsFromHere(requestId, name, (statements) => metrics.sqlStatements.observe(statements));
      return {
        async willSendResponse() {
          await contextValue.audit.flush(() => orm.em.fork() as EntityManager);
          counted();
        },
      };
    },
  };
}

/** The events of a delivery to `/events`, or a refusal (400): a malformed body is the sender's mistake, not a failed delivery. */
function deliveredEvents(body: string): DomainEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new DomainError('BAD_USER_INPUT', 'an event delivery is a JSON object { events: [...] }');
  }
  const events = (parsed as { events?: unknown } | null)?.events;
  const wellFormed = (event: Partial<Record<keyof DomainEvent, unknown>> | null) =>
    typeof event === 'object' &&
    event !== null &&
    typeof event.id === 'string' &&
    isUuid(event.id) &&
    Number.isSafeInteger(event.seq) &&
    (['source', 'type', 'key', 'occurredAt'] as const).every((field) => typeof event[field] === 'string') &&
    typeof event.payload === 'object' &&
    event.payload !== null;
  if (!Array.isArray(events) || !events.every(wellFormed))
    throw new DomainError('BAD_USER_INPUT', 'every delivered event has a UUID id, a seq, its source, type, key, occurredAt and a payload object');
  return events as DomainEvent[];
}

export function eventsUrl(graphqlUrl: string): string {
  return new URL('/events', graphqlUrl).toString();
}

export async function startSubgraph<Loaders, Consumed extends EventMap>(
  definition: SubgraphDefinition<Loaders, Consumed>,
  options: ServiceOptions,
): Promise<RunningService> {
  const { name } = definition;
  const logger = options.logger ?? createLogger(name);
  const services = { clock: options.clock ?? systemClock, calendar: options.calendar ?? new WorkingDayCalendar() };
  const verifier = createTokenVerifier({ secret: options.jwtSecret, jwksUrl: options.jwksUrl, maxLifetimeSeconds: options.tokenMaxLifetimeSeconds });

  const orm = await openDatabase({ schema: name, url: options.databaseUrl, entities: definition.entities, migrations: definition.migrations });
  await migrate(orm, name);
  const { calendar } = services;
  const calendarChanged = async () => {
    const status = calendar.status(services.clock.today());
    if (status.provisionalYears.length)
      logger.warn(
        status,
        `working-day calendar: no official schedule for ${status.provisionalYears.join(', ')}; deadlines there count the statutory holidays only (provisional)`,
      );
    else logger.info(status, 'working-day calendar: official schedules loaded');
    const recompute = definition.recomputeDeadlines;
    if (recompute) await orm.em.fork().transactional((em) => recompute(em as EntityManager, calendar, services.clock.today()));
  };
  await calendarChanged();
  const stopListening = calendar.onReload(calendarChanged);
  const metrics = createMetrics(name);
  const knex = orm.em.getConnection().getKnex();
  metrics.gauge('pq_outbox_backlog', 'Events not yet delivered to every subscriber', async () =>
    Number((await sql<{ n: string }>(`select count(*) as n from "${name}".outbox_pending`, []))[0].n),
  );
  metrics.gauge('pq_outbox_oldest_age_seconds', 'Age of the oldest undelivered event', async () => {
    const [row] = await sql<{ age: string }>(
      `select coalesce(extract(epoch from now() - min(e.occurred_at)), 0) as age from "${name}".outbox_pending p join "${name}".outbox_event e on e.seq = p.seq`,
      [],
    );
    return Number(row.age);
  });
  const sql: Sql = (text, values) => queryRows(orm.em.fork() as EntityManager, { text, values });
  metrics.labelledGauge(
    'pq_outbox_dead_letters',
    'Events set aside after their subscriber refused them too often, per subscriber (npm run events)',
    'subscriber',
    () => countDeadLetters(sql, name),
  );
  metrics.gauge('pq_db_pool_used', 'Database connections in use', () => knex.client.pool?.numUsed() ?? 0);
  metrics.gauge('pq_db_pool_free', 'Database connections idle', () => knex.client.pool?.numFree() ?? 0);

  const contextFor = (caller: Caller, requestId: string) =>
    createRequestContext(name, orm.em as EntityManager, caller, services, definition.createLoaders, requestId);
  // A subgraph trusts no caller's operation: the gateway's limits again, with room for its plans.
  const limits = operationLimits<RequestContext<Loaders>>(SUBGRAPH_LIMITS);
  const apollo = new ApolloServer<RequestContext<Loaders>>({
    schema: await definition.buildSchema(),
    // The gateway sends the fetches of concurrent requests with one token as one batch (gateway/src/gateway.ts, SubgraphDataSource).
    allowBatchedHttpRequests: true,
    plugins: [
      // First: the other plugins and the resolvers see the operation's own context.
      operationContext<Loaders>(name, orm, metrics, contextFor),
      ApolloServerPluginInlineTraceDisabled(),
      // No HTTP caching of answers here; without it Apollo Server does not wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      publicOperationGuard<RequestContext<Loaders>>((context) => context.caller.role === 'PUBLIC'),
      subgraphSdlGuard<RequestContext<Loaders>>((context) => context.caller.role === 'SERVICE'),
      limits.plugin,
      inputGuard<RequestContext<Loaders>>(),
      requestObservability<RequestContext<Loaders>>(logger, metrics, (context) => context.caller.role),
    ],
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !hidesSchema(),
    // SIGTERM is ours (runSubgraphFromEnvironment): Apollo Server's own handler would stop it and re-raise the signal while requests are in flight.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const subscriberUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s, eventsUrl(options.subgraphUrls[s])])) as Record<SubgraphName, string>;
  const relay = new OutboxRelay({
    source: name,
    databaseUrl: options.databaseUrl,
    subscriberUrls,
    serviceToken: () => signToken(options.jwtSecret, { sub: `service:${name}`, role: 'SERVICE' }, '5m'),
    ...options.events,
    onError: (error) => logger.warn({ err: error }, 'event delivery will be retried'),
    onDeadLetter: (letter) =>
      logger.error(
        letter,
        `event ${letter.eventId} set aside for ${letter.subscriber} after ${letter.attempts} refusals; later events of ${letter.key} wait (npm run events)`,
      ),
  });

  // The token is checked once per HTTP request; a batch's operations share it.
  const shell = await startHttpShell<RequestContext<Loaders>>({
    port: options.port,
    logger,
    apollo,
    context: async (req, requestId) => contextFor(await verifier.verify(req.headers.authorization), requestId),
    metrics: { contentType: metrics.registry.contentType, text: () => metrics.registry.metrics() },
    // Liveness: the process answers. Readiness checks what it depends on.
    health: async () => ({ ok: true, body: { status: 'ok', service: name } }),
    async ready(stopping) {
      const pending = await orm.getMigrator().getPendingMigrations();
      await sql('select 1', []);
      const ready = pending.length === 0 && !stopping;
      // Dead letters need an operator, not a restart: reported, never a reason to leave the balancer.
      const events = { deadLetters: await countDeadLetters(sql, name) };
      return {
        ok: ready,
        body: {
          status: ready ? 'ready' : stopping ? 'stopping' : 'migrations pending',
          service: name,
          calendar: calendar.status(services.clock.today()),
          events,
        },
      };
    },
    drainDelayMs: options.drainDelayMs,
    routes: [
      {
        method: 'POST',
        path: '/events',
        async handle(req, res) {
          const caller = await verifier.verify(req.headers.authorization);
          if (caller.role !== 'SERVICE') throw new DomainError('FORBIDDEN', 'only services deliver events');
          const events = deliveredEvents(await readBody(req));
          const result = await applyDeliveredEvents(orm, name, definition.eventHandlers, events, services.clock, definition.deliveryHooks);
          for (const refusal of result.refused ?? [])
            logger.warn({ event: refusal.id, error: refusal.error }, 'event refused; the producer will deliver it again, then set it aside');
          if (result.unavailable) logger.warn({ error: result.unavailable }, 'events not applied for now; the producer will deliver them again');
          // Refusals are part of a complete answer; 503 says that nothing past `acknowledged` was tried.
          sendJson(res, result.unavailable ? 503 : 200, result);
        },
      },
      ...(definition.streams ?? []).map((stream) => ({
        method: stream.method,
        path: stream.path,
        async handle(req: IncomingMessage, res: ServerResponse) {
          const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
          const context = contextFor(await verifier.verify(req.headers.authorization), requestId);
          const counted = countStatementsFromHere(requestId, name, (statements) => metrics.sqlStatements.observe(statements));
          try {
            await stream.handle(req, res, context);
          } finally {
            await context.audit.flush(() => orm.em.fork() as EntityManager);
            counted();
          }
        },
      })),
    ],
  });
  await relay.start();
  const job = definition.scheduled;
  const timer =
    job &&
    setInterval(() => {
      runScheduledJob(name, job, orm, logger, services.clock.today()).catch((error) => logger.error({ err: error, job: job.name }, 'scheduled job failed'));
    }, job.everyMs);
  timer?.unref();
  const { url } = shell;
  logger.info({ url }, `${name} subgraph ready`);

  return {
    name,
    url,
    orm,
    relay,
    /** SIGTERM: no new requests, the ones in flight finish, the relay finishes the batch it delivers, then the pool closes. */
    async stop() {
      stopListening();
      if (timer) clearInterval(timer);
      await shell.stop();
      await relay.stop();
      await apollo.stop();
      await orm.close();
    },
  };
}

/**
 * Runs a subgraph as its own process, configured by the environment (docs/operations.md, Configuration),
 * and stops it cleanly on SIGTERM or SIGINT: requests in flight finish, the relay drains, the
 * pool closes.
 */
export function runSubgraphFromEnvironment<Loaders, Consumed extends EventMap>(definition: SubgraphDefinition<Loaders, Consumed>): void {
  const logger = createLogger(definition.name);
  const calendar = calendarFromEnvironment();
  reloadCalendarOnSignal(calendar, logger, () => systemClock.today());
  startSubgraph(definition, {
    port: subgraphPortFromEnv(definition.name),
    databaseUrl: databaseUrlFromEnv(definition.name),
    subgraphUrls: subgraphUrlsFromEnv(),
    jwtSecret: jwtSecretFromEnv(),
    jwksUrl: process.env.JWT_JWKS_URL,
    tokenMaxLifetimeSeconds: tokenMaxLifetimeFromEnv(),
    calendar,
    logger,
    events: {
      maxAttempts: numberFromEnv('EVENT_MAX_ATTEMPTS'),
      retryBaseMs: numberFromEnv('EVENT_RETRY_BASE_MS'),
      leaseMs: numberFromEnv('RELAY_LEASE_MS'),
      lingerMs: numberFromEnv('RELAY_LINGER_MS'),
    },
    drainDelayMs: numberFromEnv('SHUTDOWN_DELAY_MS'),
  }).then(
    (service) => {
      const shutdown = () => {
        logger.info('shutting down');
        service
          .stop()
          .then(shutdownTracing)
          .then(
            () => process.exit(0),
            () => process.exit(1),
          );
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    },
    (error) => {
      logger.fatal({ err: error }, 'failed to start');
      process.exit(1);
    },
  );
}
