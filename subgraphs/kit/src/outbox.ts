import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from './clock';
import { SubgraphName } from './config';
import { DomainEvent, EVENT_SUBSCRIBERS, EventPayloads, EventType } from './events';
import { queryRows } from './rows';

/** Tables every subgraph creates in its own schema in its first migration. */
export function outboxTablesSql(schema: string): string[] {
  return [
    `create table "${schema}".outbox_event (
       seq bigserial primary key,
       id uuid not null unique,
       type text not null,
       aggregate_key text not null,
       payload jsonb not null,
       occurred_at timestamptz not null default now())`,
    `create table "${schema}".outbox_pending (
       subscriber text not null,
       seq bigint not null references "${schema}".outbox_event (seq) on delete cascade,
       primary key (subscriber, seq))`,
    `create table "${schema}".processed_event (
       id uuid primary key,
       source text not null,
       type text not null,
       processed_at timestamptz not null default now())`,
  ];
}

const notifyChannel = (schema: string) => `pq_outbox_${schema}`;

/** One event to publish: its type, the aggregate it concerns (ordering key) and its payload. */
export type OutgoingEvent = { [T in EventType]: { type: T; key: string; payload: EventPayloads[T] } }[EventType];

/** Writes events in the caller's transaction, so an event exists if and only if its change was committed. */
export class Outbox {
  constructor(readonly source: SubgraphName) {}

  publish<T extends EventType>(em: EntityManager, type: T, key: string, payload: EventPayloads[T]): Promise<void> {
    return this.publishAll(em, [{ type, key, payload } as OutgoingEvent]);
  }

  /**
   * All events of a change in one statement however many there are (a batch of 1,000
   * registrations is 1,000 events): the events and their subscribers' queue rows, in the order
   * given, and the relay's notification.
   */
  async publishAll(em: EntityManager, events: OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    const s = this.source;
    // The notification is delivered by PostgreSQL at commit and dropped with a rollback: the relay
    // wakes only for committed events.
    await queryRows(em, {
      text: `with event as (
               insert into "${s}".outbox_event (id, type, aggregate_key, payload)
               select e.id, e.type, e.aggregate_key, e.payload
                 from unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) with ordinality as e(id, type, aggregate_key, payload, n) order by e.n
               returning seq, type),
             pending as (
               insert into "${s}".outbox_pending (subscriber, seq)
               select subscriber, event.seq from event cross join lateral jsonb_array_elements_text($5::jsonb -> event.type) as subscriber)
             select pg_notify($6, $7)`,
      values: [
        events.map(() => randomUUID()),
        events.map((e) => e.type),
        events.map((e) => e.key),
        events.map((e) => JSON.stringify(e.payload)),
        JSON.stringify(Object.fromEntries([...new Set(events.map((e) => e.type))].map((type) => [type, EVENT_SUBSCRIBERS[type]]))),
        notifyChannel(s),
        events[0].type,
      ],
    });
  }
}

export interface EventContext {
  em: EntityManager;
  event: DomainEvent;
  outbox: Outbox;
  /** The service's clock: a consumer that derives a status derives it as of today. */
  clock: Clock;
}

export type EventHandlers = { [T in EventType]?: (payload: EventPayloads[T], context: EventContext) => Promise<void> };

export interface DeliveryResult {
  acknowledged: string[];
  error?: string;
}

/**
 * Applies delivered events in order, each exactly once: the processed-event row and the
 * event's effects commit together, so a redelivery finds the row and changes nothing. Stops at
 * the first failure so that later events of the same key are never applied before it.
 */
export async function applyDeliveredEvents(orm: MikroORM, outbox: Outbox, handlers: EventHandlers, events: DomainEvent[], clock: Clock): Promise<DeliveryResult> {
  const acknowledged: string[] = [];
  for (const event of events) {
    try {
      await orm.em.fork().transactional(async (em) => {
        const fresh = await em.execute(
          `insert into "${outbox.source}".processed_event (id, source, type) values (?, ?, ?) on conflict do nothing returning id`,
          [event.id, event.source, event.type],
        );
        const handler = handlers[event.type] as ((payload: unknown, context: EventContext) => Promise<void>) | undefined;
        if (fresh.length > 0 && handler) await handler(event.payload, { em, event, outbox, clock });
      });
      acknowledged.push(event.id);
    } catch (error) {
      return { acknowledged, error: `${event.type} ${event.id}: ${(error as Error).message}` };
    }
  }
  return { acknowledged };
}

export interface RelayOptions {
  orm: MikroORM;
  source: SubgraphName;
  databaseUrl: string;
  /** Where each subscriber accepts deliveries (`…/events`). */
  subscriberUrls: Record<SubgraphName, string>;
  /** A SERVICE token for the `Authorization` header of deliveries. */
  serviceToken: () => Promise<string>;
  /** Catch-up interval for retries after a failed delivery or a missed notification. */
  pollMs?: number;
  batchSize?: number;
  onError?: (error: Error) => void;
}

/**
 * Delivers committed outbox events to their subscribers, at least once and in sequence order
 * per subscriber. Woken by LISTEN/NOTIFY, with a slow poll as a safety net. The relay's own
 * session (the one that listens) holds an advisory lock per (source, subscriber) while it
 * delivers, so any number of replicas can run a relay while only one delivers to a given
 * subscriber at a time, which keeps the order. The lock lives in that session rather than in a
 * transaction so that no pooled connection is held — idle in a transaction — while a subscriber
 * takes its time to answer: reading a batch and deleting what was acknowledged are one statement
 * each.
 */
export class OutboxRelay {
  private session?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;

  constructor(private readonly options: RelayOptions) {}

  async start(): Promise<void> {
    await this.connectedSession();
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.wake();
  }

  /** Starts a drain, or asks the running one to go round once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = this.drainUntilQuiet().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves once the current drain has finished (used at shutdown and by tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
    await this.session?.end().catch(() => undefined);
  }

  /**
   * The listening session, connected again after a lost connection (the poll's next wake-up
   * does it); its locks went with the old connection, and the drain that held them fails.
   */
  private async connectedSession(): Promise<Client> {
    if (this.session) return this.session;
    // Named, so an operator sees which session holds a subscriber's delivery lock (pg_stat_activity, pg_locks).
    const session = new Client({ connectionString: this.options.databaseUrl, application_name: `pq-relay-${this.options.source}` });
    const forget = () => {
      if (this.session === session) this.session = undefined;
    };
    session.on('notification', () => this.wake());
    session.on('error', (error) => {
      forget();
      session.end().catch(() => undefined);
      this.options.onError?.(error);
    });
    session.on('end', forget);
    await session.connect();
    await session.query(`listen ${notifyChannel(this.options.source)}`);
    this.session = session;
    return session;
  }

  private async drainUntilQuiet(): Promise<void> {
    do {
      this.wakeAgain = false;
      try {
        const session = await this.connectedSession();
        // One cheap look first: an idle relay takes no lock.
        const rows: { subscriber: SubgraphName }[] = await this.options.orm.em.fork().execute(`select distinct subscriber from "${this.options.source}".outbox_pending`);
        for (const { subscriber } of rows) await this.deliverAll(session, subscriber);
      } catch (error) {
        this.options.onError?.(error as Error);
        return;
      }
    } while (this.wakeAgain && !this.stopped);
  }

  /** Delivers batches to one subscriber until none is left, unless another relay is delivering to it. */
  private async deliverAll(session: Client, subscriber: SubgraphName): Promise<void> {
    const lock = `relay:${this.options.source}:${subscriber}`;
    const { rows } = await session.query('select pg_try_advisory_lock(hashtext($1)) as locked', [lock]);
    if (!rows[0].locked) return;
    try {
      while (await this.deliverBatch(subscriber)) {
        /* keep going while full batches are delivered */
      }
    } catch (error) {
      this.options.onError?.(error as Error);
    } finally {
      await session.query('select pg_advisory_unlock(hashtext($1))', [lock]);
    }
  }

  /** Delivers one batch to one subscriber; true if there may be more. */
  private async deliverBatch(subscriber: SubgraphName): Promise<boolean> {
    const { orm, source } = this.options;
    const batchSize = this.options.batchSize ?? 200;
    const em = orm.em.fork();
    const rows: { seq: string; id: string; type: EventType; aggregate_key: string; payload: any; occurred_at: Date }[] = await em.execute(
      `select e.seq, e.id, e.type, e.aggregate_key, e.payload, e.occurred_at
         from "${source}".outbox_pending p join "${source}".outbox_event e on e.seq = p.seq
        where p.subscriber = ? order by p.seq limit ?`,
      [subscriber, batchSize],
    );
    if (rows.length === 0) return false;
    const events: DomainEvent[] = rows.map((row) => ({
      id: row.id,
      seq: Number(row.seq),
      source,
      type: row.type,
      key: row.aggregate_key,
      payload: row.payload,
      occurredAt: new Date(row.occurred_at).toISOString(),
    }));
    const result = await this.post(subscriber, events);
    if (result.acknowledged.length > 0) {
      const acknowledged = new Set(result.acknowledged);
      const seqs = events.filter((e) => acknowledged.has(e.id)).map((e) => e.seq);
      await em.execute(`delete from "${source}".outbox_pending where subscriber = ? and seq = any(?::bigint[])`, [subscriber, `{${seqs.join(',')}}`]);
    }
    if (result.error) throw new Error(`delivery ${source} → ${subscriber} stopped: ${result.error}`);
    return rows.length === batchSize;
  }

  private async post(subscriber: SubgraphName, events: DomainEvent[]): Promise<DeliveryResult> {
    const response = await fetch(this.options.subscriberUrls[subscriber], {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.options.serviceToken()}` },
      body: JSON.stringify({ events }),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status !== 200 && response.status !== 500) throw new Error(`${subscriber} answered ${response.status} to an event delivery`);
    return (await response.json()) as DeliveryResult;
  }
}
