import { randomUUID } from 'node:crypto';
import { queryRows } from '@pq/data';
import type { DomainEvent } from '@pq/events';
import { registrySubgraph } from '@pq/registry';
import { scoringSubgraph } from '@pq/scoring';
import { newDoctor, registerAt, score } from './fixtures';
import { postJson, startSeededStack, Stack } from './harness';

/**
 * The relay's bookkeeping (which deliveries were acknowledged) commits without waiting for the
 * disk, so a crash of the database can take the latest marks back: those deliveries come again.
 * Consumers apply each event id once, so they change nothing. A consumer applies a delivery in one
 * durable transaction; a refused event rolls it back, and the rest is applied again without it.
 */
let stack: Stack;
const original = { ScoreRecorded: registrySubgraph.eventHandlers.ScoreRecorded! };

beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
});
afterAll(async () => {
  registrySubgraph.eventHandlers.ScoreRecorded = original.ScoreRecorded;
  await stack?.stop();
});

type Service = keyof Stack['services'];
const sql = <R = Record<string, unknown>>(service: Service, text: string, values: unknown[] = []) =>
  stack.services[service].orm.em.fork().getConnection().execute<R[]>(text, values);

/** Everything the doctor's events made in the consumers. */
const effects = async (personCode: string) => ({
  changeFeed: await sql('registry', `select * from registry.change_feed where person_code = ? order by position`, [personCode]),
  sanctions: await sql('registry', `select * from registry.sanction_view where person_code = ? order by sanction_id`, [personCode]),
  statuses: await sql('registry', `select * from registry.status_interval where person_code = ? order by id`, [personCode]),
  scoreRecords: await sql('appeals', `select * from appeals.score_record_view where person_code = ? order by id`, [personCode]),
  processed: {
    registry: await sql('registry', `select count(*)::int as n from registry.processed_event`),
    appeals: await sql('appeals', `select count(*)::int as n from appeals.processed_event`),
  },
});

async function scoredDoctor(name: string) {
  const doctor = newDoctor(name);
  await registerAt(stack, doctor, ['H37100200015']);
  // 12 points: a termination, so registry gets a SanctionDecided besides the ScoreRecorded.
  const scored = await score(stack, `威医保罚〔2026〕重${doctor.code}号`, '2026-03-10', [
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N4-01', responsibility: 'MAIN' },
  ]);
  expect(scored.errors).toBeUndefined();
  await stack.eventsDelivered();
  return doctor;
}

/** The doctor's events as scoring's relay delivers them. */
async function eventsOf(personCode: string): Promise<DomainEvent[]> {
  const rows = await sql<{ seq: string; id: string; type: string; aggregate_key: string; payload: unknown; occurred_at: Date }>(
    'scoring',
    `select seq, id, type, aggregate_key, payload, occurred_at from scoring.outbox_event where aggregate_key = ? order by seq`,
    [personCode],
  );
  return rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    source: 'scoring',
    type: r.type,
    key: r.aggregate_key,
    payload: r.payload,
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
}

test('deliveries whose acknowledgements a crash took back come again, are acknowledged, and change nothing', async () => {
  const doctor = await scoredDoctor('重投医师');
  const before = await effects(doctor.code);
  expect(before.changeFeed.map((e) => e.kind)).toEqual(expect.arrayContaining(['SCORE_RECORDED']));
  expect(before.sanctions).toHaveLength(1);
  expect(before.scoreRecords).toHaveLength(1);

  // As the relay's queue stands after losing its last marks: every delivery of the doctor's events pending again.
  const requeued = await sql<{ subscriber: string }>(
    'scoring',
    `insert into scoring.outbox_pending (subscriber, seq)
     select subscriber, e.seq from scoring.outbox_event e cross join lateral jsonb_array_elements_text(?::jsonb -> e.type) as subscriber
      where e.aggregate_key = ? returning subscriber`,
    [JSON.stringify(scoringSubgraph.outbox.subscribers), doctor.code],
  );
  expect(requeued.map((r) => r.subscriber).sort()).toEqual(['appeals', 'registry', 'registry']);
  await stack.eventsDelivered();

  expect(await sql('scoring', `select count(*)::int as n from scoring.outbox_pending`)).toEqual([{ n: 0 }]);
  expect(await effects(doctor.code)).toEqual(before);
});

test('a delivery is one transaction without savepoints: a refused event is rolled back with it, and the rest applied again without it', async () => {
  const doctor = await scoredDoctor('批量医师');
  const [recorded] = (await eventsOf(doctor.code)).filter((e) => e.type === 'ScoreRecorded');
  // Three fresh events (new ids) for three keys; the middle one is refused after it has written.
  const copies = ['D371002900001', 'D371002900002', 'D371002900003'].map((personCode) => ({
    ...recorded,
    id: randomUUID(),
    key: personCode,
    payload: { ...(recorded.payload as object), personCode, scoreRecordId: randomUUID() },
  }));
  const transactions: string[] = [];
  registrySubgraph.eventHandlers.ScoreRecorded = async (payload, context) => {
    const [{ txid }] = await queryRows<{ txid: string }>(context.em, { text: 'select txid_current()::text as txid', values: [] });
    transactions.push(txid);
    await original.ScoreRecorded(payload, context);
    if (payload.personCode === 'D371002900002') throw new Error('refused after writing');
  };
  try {
    const answer = await postJson(
      new URL('/events', stack.services.registry.url).toString(),
      { events: copies },
      await stack.token({ role: 'SERVICE', sub: 'service:scoring' }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      acknowledged: [copies[0].id, copies[2].id],
      refused: [{ id: copies[1].id, error: expect.stringContaining('refused after writing') }],
    });
  } finally {
    registrySubgraph.eventHandlers.ScoreRecorded = original.ScoreRecorded;
  }
  // The first try applied the first event and was refused at the second; the second try, in a transaction of its own, the first and the third.
  expect(transactions).toHaveLength(4);
  expect(transactions[1]).toBe(transactions[0]);
  expect(transactions[3]).toBe(transactions[2]);
  expect(transactions[2]).not.toBe(transactions[0]);
  const ids = copies.map((e) => e.id).join(',');
  const applied = await sql<{ id: string }>('registry', `select id from registry.processed_event where id::text = any(string_to_array(?, ','))`, [ids]);
  expect(applied.map((r) => r.id).sort()).toEqual([copies[0].id, copies[2].id].sort());
  const feed = await sql<{ person_code: string }>(
    'registry',
    `select person_code from registry.change_feed where source_event_id::text = any(string_to_array(?, ','))`,
    [ids],
  );
  expect(feed.map((r) => r.person_code).sort()).toEqual(['D371002900001', 'D371002900003']);
});

test('a delivery takes the change feed’s lock at its end, after its events’ person locks: a transaction holding a person and then taking the feed meets no deadlock', async () => {
  const doctor = await scoredDoctor('锁序医师');
  const events = await eventsOf(doctor.code);
  const [recorded] = events.filter((e) => e.type === 'ScoreRecorded');
  const [decided] = events.filter((e) => e.type === 'SanctionDecided');
  // Another person's score first (its feed entry would take the feed's lock), then the doctor's sanction (derived under the doctor's lock).
  const delivery = [
    {
      ...recorded,
      id: randomUUID(),
      key: 'D371002900009',
      payload: { ...(recorded.payload as object), personCode: 'D371002900009', scoreRecordId: randomUUID() },
    },
    { ...decided, id: randomUUID() },
  ];
  const token = await stack.token({ role: 'SERVICE', sub: 'service:scoring' });
  let answer: Promise<{ status: number; body: unknown }> | undefined;
  await stack.services.registry.orm.em.fork().transactional(async (em) => {
    await queryRows(em as never, { text: `select pg_advisory_xact_lock(hashtext($1))`, values: [`person:${doctor.code}`] });
    answer = postJson(new URL('/events', stack.services.registry.url).toString(), { events: delivery }, token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // As a registry command does: the person's lock, then the feed's (PostgreSQL would break a deadlock here after a second).
    await queryRows(em as never, { text: `select pg_advisory_xact_lock('registry.change_feed'::regclass::oid::int, 0)`, values: [] });
  });
  expect(await answer).toEqual({ status: 200, body: { acknowledged: delivery.map((e) => e.id), refused: [] } });
});
