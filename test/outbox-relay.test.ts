import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { agreementsSubgraph } from '@pq/agreements';
import { migrate, MikroORM, openDatabase } from '@pq/data';
import { DomainEvent, OutboxRelay, OutgoingEvent, RelayOptions } from '@pq/events';
import { SubgraphName, SUBGRAPHS } from '@pq/http';
import { createDatabase } from './harness';

/**
 * Two replicas of one subgraph's relay against one outbox, delivering to a subscriber that
 * answers slowly: every event reaches every subscriber once and in order, one delivery at a
 * time per subscriber, and no database connection waits in a transaction for the answer.
 */
let databaseUrl: string;
let orm: MikroORM;
let subscriber: Server;
let subscriberUrl: string;
const delivered: Record<string, string[]> = {};
const inFlight: Record<string, number> = {};
let mostInFlight = 0;
const idleInTransactionDuringDelivery: number[] = [];

async function sessionsIdleInTransaction(): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  databaseUrl = await createDatabase(process.env.PQ_TEST_DATABASE_URL!, `pq_relay_${randomUUID().slice(0, 8)}`);
  orm = await openDatabase({ schema: 'agreements', url: databaseUrl, entities: agreementsSubgraph.entities, migrations: agreementsSubgraph.migrations });
  await migrate(orm, 'agreements');

  subscriber = createServer((req, res) => {
    const name = req.url!.split('/')[1];
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      inFlight[name] = (inFlight[name] ?? 0) + 1;
      mostInFlight = Math.max(mostInFlight, inFlight[name]);
      const { events } = JSON.parse(body) as { events: DomainEvent[] };
      idleInTransactionDuringDelivery.push(await sessionsIdleInTransaction());
      await new Promise((resolve) => setTimeout(resolve, 30));
      (delivered[name] ??= []).push(...events.map((e) => e.id));
      inFlight[name]--;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ acknowledged: events.map((e) => e.id) }));
    });
  });
  await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
  subscriberUrl = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await orm?.close();
  subscriber?.close();
});

/** One committed change publishing an InstitutionUpserted event per number. */
const publish = (numbers: number[]) => {
  const events: OutgoingEvent[] = numbers.map((n) => {
    const code = `H3708${String(n).padStart(7, '0')}`;
    return { type: 'InstitutionUpserted', key: code, payload: { code, name: code, kind: 'MEDICAL', regionCode: '370802', agreement: null } };
  });
  return orm.em.fork().transactional((em) => agreementsSubgraph.outbox.publishAll(em, events));
};

/** Every subscriber's deliveries to `base` (a path per subscriber). */
const subscribersAt = (base: string) => Object.fromEntries(SUBGRAPHS.map((name) => [name, `${base}/${name}`])) as Record<SubgraphName, string>;

const relay = (options: Partial<RelayOptions> = {}) =>
  new OutboxRelay({
    source: 'agreements',
    databaseUrl,
    subscriberUrls: subscribersAt(subscriberUrl),
    serviceToken: async () => 'not-checked-here',
    batchSize: 4,
    pollMs: 50,
    ...options,
  });

async function allDelivered(): Promise<void> {
  for (let waited = 0; waited < 200; waited++) {
    const [{ n }] = await orm.em.fork().execute(`select count(*)::int as n from agreements.outbox_pending`);
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('events still pending after 10 s');
}

test('two relay replicas deliver each event once, in order, one batch at a time, holding no transaction open', async () => {
  for (let batch = 0; batch < 3; batch++) await publish(Array.from({ length: 10 }, (_, i) => batch * 10 + i));
  const published: { id: string }[] = await orm.em.fork().execute(`select id from agreements.outbox_event order by seq`);

  const replicas = [relay(), relay()];
  await Promise.all(replicas.map((r) => r.start()));
  await allDelivered();
  await Promise.all(replicas.map((r) => r.stop()));

  for (const name of ['registry', 'scoring', 'appeals']) expect(delivered[name]).toEqual(published.map((e) => e.id));
  expect(delivered.agreements).toBeUndefined();
  expect(mostInFlight).toBe(1);
  expect(idleInTransactionDuringDelivery.length).toBeGreaterThanOrEqual(3 * Math.ceil(30 / 4));
  expect(Math.max(...idleInTransactionDuringDelivery)).toBe(0);
});

test('a relay whose database session is cut connects again and goes on delivering', async () => {
  const replica = relay();
  await replica.start();
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  const { rows } = await admin.query(
    `select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = current_database() and application_name = 'pq-relay-agreements'`,
  );
  await admin.end();
  expect(rows).toEqual([{ cut: true }]);
  const before = delivered.registry?.length ?? 0;
  await publish([100, 101, 102]);
  await allDelivered();
  await replica.stop();
  const latest: { id: string }[] = await orm.em.fork().execute(`select id from agreements.outbox_event order by seq desc limit 3`);
  expect((delivered.registry ?? []).slice(before)).toEqual(latest.map((e) => e.id).reverse());
});

/** A relay in a process of its own (the built packages), so that it can be frozen with SIGSTOP. */
const RELAY_PROCESS = `
  const { OutboxRelay } = require('@pq/events');
  const [databaseUrl, subscriberUrl, leaseMs] = process.argv.slice(1);
  const subscriberUrls = Object.fromEntries(['registry', 'scoring', 'agreements', 'appeals'].map((name) => [name, subscriberUrl + '/' + name]));
  const relay = new OutboxRelay({ source: 'agreements', databaseUrl, subscriberUrls, serviceToken: async () => 'x', batchSize: 4, pollMs: 50, leaseMs: Number(leaseMs) });
  relay.start().then(() => process.stdout.write(relay.holder + '\\n'));`;

test('a relay frozen (SIGSTOP) while it delivers is taken over once its lease runs out, and the order holds', async () => {
  const leaseMs = 1500;
  const before = Object.fromEntries(['registry', 'scoring', 'appeals'].map((name) => [name, delivered[name]?.length ?? 0]));
  const child = spawn(process.execPath, ['-e', RELAY_PROCESS, databaseUrl, subscriberUrl, String(leaseMs)], {
    cwd: `${__dirname}/..`,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const frozenHolder = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk) => resolve(String(chunk).trim())));
    await publish(Array.from({ length: 120 }, (_, i) => 200 + i));
    const published: { id: string }[] = await orm.em
      .fork()
      .execute(`select id from agreements.outbox_event where seq > (select coalesce(max(seq), 0) - 120 from agreements.outbox_event) order by seq`);
    const holderOf = async (subscriber: string) =>
      (await orm.em.fork().execute(`select holder from agreements.relay_lease where subscriber = ?`, [subscriber]))[0]?.holder as string | undefined;
    for (let waited = 0; (await holderOf('registry')) !== frozenHolder; waited++) {
      if (waited > 400) throw new Error('the relay process never delivered to registry');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGSTOP');
    const frozenAt = Date.now();

    const replica = relay({ leaseMs });
    await replica.start();
    while (
      (await holderOf('registry')) !== replica.holder &&
      (await orm.em.fork().execute(`select 1 from agreements.outbox_pending where subscriber = 'registry' limit 1`)).length > 0
    ) {
      if (Date.now() - frozenAt > 20_000) throw new Error('no takeover within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const takeoverMs = Date.now() - frozenAt;
    await allDelivered();
    await replica.stop();
    // Within the lease and a poll, and well before the freeze ends.
    expect(takeoverMs).toBeLessThan(leaseMs + 1500);
    process.stdout.write(`relay takeover after SIGSTOP of the lease holder: ${takeoverMs} ms (lease ${leaseMs} ms)\n`);
    // Each event arrived (a batch the frozen relay had sent may arrive twice; the consumer applies an id once) and in order.
    for (const name of ['registry', 'scoring', 'appeals']) {
      const firstArrivals = [...new Set(delivered[name].slice(before[name]))];
      expect(firstArrivals).toEqual(published.map((e) => e.id));
    }
  } finally {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
}, 60_000);

test('under a steady stream a subscriber’s deliveries start at most once per linger; an event after a quiet moment leaves at once', async () => {
  await allDelivered();
  // The relay killed in the test before may have renewed a lease between SIGCONT and SIGKILL.
  await orm.em.fork().execute(`delete from agreements.relay_lease`);
  const deliveries: { at: number; events: number }[] = [];
  const quick = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { events } = JSON.parse(body) as { events: DomainEvent[] };
      if (req.url === '/registry') deliveries.push({ at: Date.now(), events: events.length });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ acknowledged: events.map((e) => e.id) }));
    });
  });
  await new Promise<void>((resolve) => quick.listen(0, '127.0.0.1', resolve));
  const quickUrl = `http://127.0.0.1:${(quick.address() as AddressInfo).port}`;
  const lingerMs = 150;
  // The relay's own batch size: a delivery takes every event that lingered.
  const replica = relay({ subscriberUrls: subscribersAt(quickUrl), batchSize: undefined, pollMs: 500, lingerMs });
  try {
    await replica.start();
    const quietEvent = Date.now();
    await publish([900]);
    while (deliveries.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(deliveries[0].at - quietEvent).toBeLessThan(lingerMs);

    await new Promise((resolve) => setTimeout(resolve, lingerMs));
    // 20 committed changes 10 ms apart: without a linger, about one delivery each.
    for (let n = 0; n < 20; n++) {
      await publish([901 + n]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await allDelivered();
    const stream = deliveries.slice(1);
    expect(stream.reduce((sum, d) => sum + d.events, 0)).toBe(20);
    // However long the stream took on a busy machine, deliveries started a linger apart and so carried several events each
    // (measured on arrival, whose jitter is allowed for; without the linger they arrive about 10 ms apart).
    expect(stream.length).toBeLessThan(20);
    for (let i = 1; i < stream.length; i++) expect(stream[i].at - stream[i - 1].at).toBeGreaterThanOrEqual(lingerMs / 2);
  } finally {
    await replica.stop();
    quick.close();
  }
});

test('a notification naming no subscriber (a replay, a discard) makes an idle relay look at its queue at once, without waiting for its poll', async () => {
  await allDelivered();
  await orm.em.fork().execute(`delete from agreements.relay_lease`);
  const replica = relay({ pollMs: 60_000 });
  try {
    await replica.start();
    await publish([950]);
    await allDelivered();
    await replica.idle();
    // As `npm run events replay` leaves it: an event queued again for one subscriber, announced without naming it.
    const [{ id }] = await orm.em.fork().execute(`select id from agreements.outbox_event order by seq desc limit 1`);
    const before = delivered.registry.length;
    await orm.em
      .fork()
      .execute(
        `with queued as (insert into agreements.outbox_pending (subscriber, seq) select 'registry', max(seq) from agreements.outbox_event) select pg_notify('pq_outbox_agreements', 'replay')`,
      );
    const asked = Date.now();
    while (delivered.registry.length === before && Date.now() - asked < 5_000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(delivered.registry.slice(before)).toEqual([id]);
  } finally {
    await replica.stop();
  }
});
