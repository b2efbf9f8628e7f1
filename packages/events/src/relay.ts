import { Client } from 'pg';
import { EntityManager, MikroORM, queryRows } from '@pq/data';
import type { DeliveryResult } from './delivery';
import type { DomainEvent } from './events';
import { notifyChannel } from './outbox';

export interface RelayOptions {
  orm: MikroORM;
  source: string;
  databaseUrl: string;
  /** Where each subscriber accepts deliveries (`…/events`). */
  subscriberUrls: Record<string, string>;
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
        const rows: { subscriber: string }[] = await this.options.orm.em.fork().execute(`select distinct subscriber from "${this.options.source}".outbox_pending`);
        for (const { subscriber } of rows) await this.deliverAll(session, subscriber);
      } catch (error) {
        this.options.onError?.(error as Error);
        return;
      }
    } while (this.wakeAgain && !this.stopped);
  }

  /** Delivers batches to one subscriber until none is left, unless another relay is delivering to it. */
  private async deliverAll(session: Client, subscriber: string): Promise<void> {
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
  private async deliverBatch(subscriber: string): Promise<boolean> {
    const { orm, source } = this.options;
    const batchSize = this.options.batchSize ?? 200;
    const em = orm.em.fork();
    const rows: { seq: string; id: string; type: string; aggregate_key: string; payload: unknown; occurred_at: Date }[] = await em.execute(
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
      await queryRows(em as EntityManager, { text: `delete from "${source}".outbox_pending where subscriber = $1 and seq = any($2::bigint[])`, values: [subscriber, seqs] });
    }
    if (result.error) throw new Error(`delivery ${source} → ${subscriber} stopped: ${result.error}`);
    return rows.length === batchSize;
  }

  private async post(subscriber: string, events: DomainEvent[]): Promise<DeliveryResult> {
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
