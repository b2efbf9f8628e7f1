import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Client } from 'pg';
import type { DeliveryResult } from './delivery';
import type { DomainEvent } from './events';
import { notifyChannel, subscribersNoticed } from './outbox';

export interface RelayOptions {
  source: string;
  databaseUrl: string;
  /** Where each subscriber accepts deliveries (`…/events`). */
  subscriberUrls: Record<string, string>;
  /** A SERVICE token for the `Authorization` header of deliveries. */
  serviceToken: () => Promise<string>;
  /** Catch-up interval for retries after a failed delivery or a missed notification. */
  pollMs?: number;
  batchSize?: number;
  /** Deliveries of one event its subscriber refuses before it is set aside as a dead letter (default 5). */
  maxAttempts?: number;
  /** The wait before a refused event is delivered again, doubled at each attempt up to a minute (default 1 s). */
  retryBaseMs?: number;
  /** A relay's lease on a subscriber lasts this long unless renewed (default 5 s): a holder that stops answering is replaced after it. */
  leaseMs?: number;
  /**
   * A subscriber's deliveries start at most once per this many ms (default 20): under a steady
   * stream of events the ones of the next few ms go together, while an event that follows a quiet
   * moment leaves at once.
   */
  lingerMs?: number;
  onError?: (error: Error) => void;
  /** An event set aside after `maxAttempts` refusals. */
  onDeadLetter?: (letter: { subscriber: string; eventId: string; type: string; key: string; attempts: number; reason: string }) => void;
}

interface PendingRow {
  seq: string;
  id: string;
  type: string;
  aggregate_key: string;
  payload: unknown;
  occurred_at: Date;
  attempts: number;
}

const MAX_RETRY_WAIT_MS = 60_000;

/**
 * Delivers committed outbox events to their subscribers, at least once and in sequence order
 * per subscriber and key. Woken by LISTEN/NOTIFY, with a slow poll as a safety net.
 *
 * Any number of replicas can run a relay; one delivers to a given subscriber at a time, which
 * keeps the order. It holds a lease on the subscriber (a row with an expiry, renewed by a
 * heartbeat while it delivers), not a session lock: a holder that stops answering — frozen,
 * partitioned, its host gone — stops renewing and another replica takes over once the lease runs
 * out, while a session lock would stay with a connection the kernel keeps alive. A late delivery
 * by a holder that lost its lease changes nothing: the consumer applies each event id once, in
 * order, and an acknowledged event is delivered whoever removes it from the queue.
 *
 * An event its subscriber refuses is delivered again after a growing wait, and after
 * `maxAttempts` refusals set aside as a dead letter (operator: `npm run events`). Until it is
 * replayed or discarded the later events of its key wait behind it — per-key order holds — while
 * every other key flows. A subscriber that is down or unavailable costs no event an attempt.
 *
 * No connection is held idle in a transaction while a subscriber takes its time to answer:
 * reading a batch and recording its outcome are one statement each, on the relay's own session.
 */
export class OutboxRelay {
  private session?: Promise<Client>;
  private timer?: NodeJS.Timeout;
  /** The look for subscribers with pending events, and whether another was asked for meanwhile. */
  private looking?: Promise<void>;
  private lookAgain = false;
  /** Each subscriber's drain runs on its own: one slow or held back subscriber delays no other. */
  private readonly draining = new Map<string, Promise<void>>();
  private readonly drainAgain = new Set<string>();
  /** When each subscriber's last drain started, and the drains waiting for their linger to pass. */
  private readonly drainStarted = new Map<string, number>();
  private readonly lingering = new Map<string, Promise<void>>();
  private stopped = false;
  /** Who holds a lease (pg_stat_activity names the relay's session too). */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /**
   * When each lease this relay took runs out by its own clock (`performance.now()`, counted from
   * before the statement that took it, so never later than the database's expiry).
   */
  private readonly leasedUntil = new Map<string, number>();

  constructor(private readonly options: RelayOptions) {}

  async start(): Promise<void> {
    await this.connectedSession();
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.wake();
  }

  /** Looks for pending events and drains each subscriber that has some, or asks the running look to go round once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.looking) {
      this.lookAgain = true;
      return;
    }
    this.looking = this.look().finally(() => {
      this.looking = undefined;
      if (this.lookAgain) {
        this.lookAgain = false;
        this.wake();
      }
    });
  }

  /** Resolves once the current look and drains have finished (used at shutdown and by tests). */
  async idle(): Promise<void> {
    while (this.looking || this.draining.size > 0 || this.lingering.size > 0)
      await Promise.all([this.looking, ...this.draining.values(), ...this.lingering.values()]);
  }

  /** Finishes the batches in delivery (their answers recorded), takes no other, and gives up its leases. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
    if (this.leasedUntil.size > 0)
      await this.sql(`delete from "${this.options.source}".relay_lease where subscriber = any($1) and holder = $2`, [
        [...this.leasedUntil.keys()],
        this.holder,
      ]).catch(() => undefined);
    await this.session?.then((session) => session.end()).catch(() => undefined);
  }

  /**
   * The listening session, connected again after a lost connection (the poll's next wake-up
   * does it). TCP keepalives find a connection whose peer vanished. Concurrent drains share one
   * connection attempt.
   */
  private connectedSession(): Promise<Client> {
    if (this.session) return this.session;
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: `pq-relay-${this.options.source}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    const connecting = client
      .connect()
      .then(() => client.query(`set synchronous_commit = off; listen ${notifyChannel(this.options.source)}`))
      .then(() => client);
    const forget = () => {
      if (this.session === connecting) this.session = undefined;
    };
    client.on('notification', ({ payload }) => {
      const subscribers = subscribersNoticed(payload);
      if (!subscribers) return this.wake();
      for (const subscriber of subscribers) if (subscriber in this.options.subscriberUrls) this.drain(subscriber);
    });
    client.on('error', (error) => {
      forget();
      client.end().catch(() => undefined);
      this.options.onError?.(error);
    });
    client.on('end', forget);
    connecting.catch(() => {
      forget();
      client.end().catch(() => undefined);
    });
    this.session = connecting;
    return connecting;
  }

  private async look(): Promise<void> {
    try {
      await this.connectedSession();
      // One cheap look first: an idle relay takes no lease.
      const rows = await this.sql<{ subscriber: string }>(`select distinct subscriber from "${this.options.source}".outbox_pending`, []);
      for (const { subscriber } of rows) this.drain(subscriber);
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }

  private drain(subscriber: string): void {
    if (this.stopped || this.lingering.has(subscriber)) return;
    if (this.draining.has(subscriber)) {
      this.drainAgain.add(subscriber);
      return;
    }
    const wait = (this.drainStarted.get(subscriber) ?? -Infinity) + (this.options.lingerMs ?? 20) - performance.now();
    if (wait > 0) {
      const lingered = new Promise<void>((resolve) => setTimeout(resolve, wait)).then(() => {
        this.lingering.delete(subscriber);
        this.drain(subscriber);
      });
      this.lingering.set(subscriber, lingered);
      return;
    }
    this.drainStarted.set(subscriber, performance.now());
    const drained = this.deliverAll(subscriber)
      .catch((error) => this.options.onError?.(error as Error))
      .finally(() => {
        this.draining.delete(subscriber);
        if (this.drainAgain.delete(subscriber)) this.drain(subscriber);
      });
    this.draining.set(subscriber, drained);
  }

  /**
   * The relay's statements run on its own session, whose commits do not wait for the disk
   * (`synchronous_commit = off`): the leases and the delivery bookkeeping. Losing the latest of
   * them in a crash of the database only delivers again what consumers already applied, which they
   * skip by event id (docs/operations.md, Durable writes); the events themselves and what consumers
   * make of them commit durably.
   */
  private async sql<R>(text: string, values: unknown[]): Promise<R[]> {
    return (await (await this.connectedSession()).query(text, values)).rows as R[];
  }

  /** Takes or renews the lease on a subscriber; false while another relay holds it. */
  private async lease(subscriber: string): Promise<boolean> {
    const leaseMs = this.options.leaseMs ?? 5_000;
    const asked = performance.now();
    const rows = await this.sql(
      `insert into "${this.options.source}".relay_lease as l (subscriber, holder, expires_at) values ($1, $2, now() + $3 * interval '1 millisecond')
       on conflict (subscriber) do update set holder = excluded.holder, expires_at = excluded.expires_at
        where l.holder = excluded.holder or l.expires_at < now()
       returning holder`,
      [subscriber, this.holder, leaseMs],
    );
    if (rows.length > 0) this.leasedUntil.set(subscriber, asked + leaseMs);
    else this.leasedUntil.delete(subscriber);
    return rows.length > 0;
  }

  /**
   * The lease for a drain: one taken or renewed less than a third of its length ago is still held
   * (the heartbeat renews at that pace), so a busy subscriber's drains cost no statement for it.
   */
  private holds(subscriber: string): Promise<boolean> | boolean {
    const leaseMs = this.options.leaseMs ?? 5_000;
    return (this.leasedUntil.get(subscriber) ?? 0) - performance.now() > (leaseMs * 2) / 3 || this.lease(subscriber);
  }

  /**
   * Delivers batches to one subscriber until none is left, unless another relay holds its lease.
   * The lease is kept after the drain, for the next one; if this relay is not woken again it runs
   * out, and another replica may take the subscriber over.
   */
  private async deliverAll(subscriber: string): Promise<void> {
    if (this.stopped || !(await this.holds(subscriber))) return;
    let held = true;
    // Renewed while a batch waits for its answer; a relay that cannot renew stops after that batch.
    const heartbeat = setInterval(
      () => {
        this.lease(subscriber).then(
          (renewed) => (held &&= renewed),
          () => (held = false),
        );
      },
      (this.options.leaseMs ?? 5_000) / 3,
    );
    heartbeat.unref();
    try {
      while (held && !this.stopped && (await this.deliverBatch(subscriber))) {
        held &&= await this.holds(subscriber);
      }
    } catch (error) {
      this.options.onError?.(error as Error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Delivers one batch to one subscriber; true if there may be more. A batch skips the keys held
   * back: by an earlier event of theirs waiting to be delivered again, or set aside.
   */
  private async deliverBatch(subscriber: string): Promise<boolean> {
    const { source } = this.options;
    const batchSize = this.options.batchSize ?? 200;
    const rows = await this.sql<PendingRow>(
      `with held as (
         select e.aggregate_key, r.seq from "${source}".outbox_retry r join "${source}".outbox_event e on e.seq = r.seq where r.subscriber = $1 and r.retry_at > now()
         union all
         select e.aggregate_key, d.seq from "${source}".outbox_dead_letter d join "${source}".outbox_event e on e.seq = d.seq where d.subscriber = $1)
       select e.seq, e.id, e.type, e.aggregate_key, e.payload, e.occurred_at, coalesce(r.attempts, 0) as attempts
         from "${source}".outbox_pending p join "${source}".outbox_event e on e.seq = p.seq
         left join "${source}".outbox_retry r on r.subscriber = p.subscriber and r.seq = p.seq
        where p.subscriber = $1 and not exists (select 1 from held h where h.aggregate_key = e.aggregate_key and h.seq <= p.seq)
        order by p.seq limit $2`,
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
      await this.sql(
        `with done as (delete from "${source}".outbox_pending where subscriber = $1 and seq = any($2::bigint[]) returning seq)
         delete from "${source}".outbox_retry where subscriber = $1 and seq in (select seq from done)`,
        [subscriber, seqs],
      );
    }
    for (const refusal of result.refused ?? []) {
      const row = rows.find((r) => r.id === refusal.id);
      if (row) await this.refused(subscriber, row, refusal.error);
    }
    if (result.unavailable) throw new Error(`delivery ${source} → ${subscriber} paused: ${result.unavailable}`);
    return rows.length === batchSize;
  }

  /** Counts a refusal: the event is delivered again after a growing wait, or set aside once it has had its attempts. */
  private async refused(subscriber: string, row: PendingRow, reason: string): Promise<void> {
    const { source } = this.options;
    const attempts = Number(row.attempts) + 1;
    if (attempts >= (this.options.maxAttempts ?? 5)) {
      await this.sql(
        `with moved as (delete from "${source}".outbox_pending where subscriber = $1 and seq = $2 returning seq),
              retried as (delete from "${source}".outbox_retry where subscriber = $1 and seq = $2)
         insert into "${source}".outbox_dead_letter (subscriber, seq, attempts, reason) select $1, seq, $3, $4 from moved on conflict do nothing`,
        [subscriber, row.seq, attempts, reason],
      );
      this.options.onDeadLetter?.({ subscriber, eventId: row.id, type: row.type, key: row.aggregate_key, attempts, reason });
      return;
    }
    const waitMs = Math.min((this.options.retryBaseMs ?? 1_000) * 2 ** (attempts - 1), MAX_RETRY_WAIT_MS);
    await this.sql(
      `insert into "${source}".outbox_retry (subscriber, seq, attempts, last_error, retry_at) values ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')
       on conflict (subscriber, seq) do update set attempts = excluded.attempts, last_error = excluded.last_error, retry_at = excluded.retry_at`,
      [subscriber, row.seq, attempts, reason, waitMs],
    );
    this.options.onError?.(new Error(`${subscriber} refused ${reason} (attempt ${attempts}; again in ${waitMs} ms)`));
  }

  /** The subscriber's answer; an answer that is not a delivery result (a subscriber down or unavailable) throws and costs no attempt. */
  private async post(subscriber: string, events: DomainEvent[]): Promise<DeliveryResult> {
    const response = await fetch(this.options.subscriberUrls[subscriber], {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.options.serviceToken()}` },
      body: JSON.stringify({ events }),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status !== 200 && response.status !== 503) throw new Error(`${subscriber} answered ${response.status} to an event delivery`);
    const result = (await response.json()) as DeliveryResult;
    if (!Array.isArray(result?.acknowledged)) throw new Error(`${subscriber} answered an event delivery without a result`);
    return result;
  }
}
