import { registrySubgraph } from '@pq/registry';
import { eventsCommand } from '../scripts/src/events';
import { Stack, startStack } from './harness';

/**
 * Issue #19, "a poison event waits aside": an event its subscriber keeps refusing is set aside
 * after a bounded number of attempts; the subscriber's other events go on; the dead letter shows
 * on /ready and /metrics; the operator replays it once the subscriber is fixed and it is applied
 * once, ahead of the events of its key that waited behind it.
 */
let stack: Stack;
const original = registrySubgraph.eventHandlers.InstitutionUpserted!;
const POISON = 'H37080207001';
const VALIDITY = { kind: 'MEDICAL', regionCode: '370802', agreementValidFrom: '2026-01-01', agreementValidUntil: '2026-12-31' };

beforeAll(async () => {
  stack = await startStack({ events: { maxAttempts: 3, retryBaseMs: 100 } });
});
afterAll(async () => {
  registrySubgraph.eventHandlers.InstitutionUpserted = original;
  await stack?.stop();
});

const registry = <R>(text: string, values: unknown[] = []) => stack.services.registry.orm.em.fork().getConnection().execute<R[]>(text, values);
const agreements = <R>(text: string, values: unknown[] = []) => stack.services.agreements.orm.em.fork().getConnection().execute<R[]>(text, values);
const agreementsDatabase = () => ({ DATABASE_URL: stack.services.agreements.orm.config.get('clientUrl') });
async function command(...args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await eventsCommand(args, agreementsDatabase(), (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}
async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const registryKnows = async (code: string) =>
  (await registry<{ n: number }>(`select count(*)::int as n from registry.institution_view where code = ?`, [code]))[0].n === 1;

test('a refused event is set aside after 3 attempts, the rest flows, and a replay after the fix applies it once, before the events that waited for it', async () => {
  // A consumer bug: registry refuses this institution's facts.
  let refusals = 0;
  registrySubgraph.eventHandlers.InstitutionUpserted = async (payload, context) => {
    if (payload.code === POISON) {
      refusals++;
      throw new Error('cannot apply this institution');
    }
    return original(payload, context);
  };
  const imported = await stack.query(`mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code } } }`, {
    input: {
      institutions: [
        { code: POISON, name: '济宁市第七人民医院', ...VALIDITY },
        { code: 'H37080207002', name: '济宁市第八人民医院', ...VALIDITY },
      ],
    },
  });
  expect(imported.errors).toBeUndefined();
  // A later event of the poisoned key, and one of another key.
  expect(
    (await stack.query(`mutation { suspendAgreement(input: { institutionCode: "${POISON}", reason: "违规结算" }) { institution { code } } }`)).errors,
  ).toBeUndefined();
  expect(
    (
      await stack.query(
        `mutation { importInstitutions(input: { institutions: [{ code: "H37080207003", name: "济宁市第九人民医院", kind: MEDICAL, regionCode: "370802", agreementValidFrom: "2026-01-01", agreementValidUntil: "2026-12-31" }] }) { institutions { code } } }`,
      )
    ).errors,
  ).toBeUndefined();

  const letters = await until(
    'dead letters',
    () =>
      agreements<{ subscriber: string; id: string; attempts: number; reason: string }>(
        `select d.subscriber, e.id, d.attempts, d.reason from agreements.outbox_dead_letter d join agreements.outbox_event e on e.seq = d.seq`,
      ),
    (rows) => rows.length > 0,
  );
  expect(letters).toEqual([{ subscriber: 'registry', id: expect.any(String), attempts: 3, reason: expect.stringContaining('cannot apply this institution') }]);
  expect(refusals).toBe(3);
  const poisonId = letters[0].id;

  // The other keys went on to registry; the poisoned institution went on to scoring; its later events wait for registry.
  await until('other institutions in registry', async () => (await registryKnows('H37080207002')) && (await registryKnows('H37080207003')), Boolean);
  expect(await registryKnows(POISON)).toBe(false);
  await until(
    'scoring',
    async () =>
      (
        await stack.services.scoring.orm.em.fork().getConnection().execute(`select count(*)::int as n from scoring.institution_view where code = ?`, [POISON])
      )[0].n,
    (n) => n === 1,
  );
  const waiting = await agreements<{ type: string }>(
    `select e.type from agreements.outbox_pending p join agreements.outbox_event e on e.seq = p.seq where p.subscriber = 'registry' and e.aggregate_key = ? order by p.seq`,
    [POISON],
  );
  expect(waiting.map((e) => e.type)).toEqual(expect.arrayContaining(['InstitutionUpserted']));

  // Shown where an operator looks.
  const ready = await fetch(new URL('/ready', stack.services.agreements.url));
  expect(ready.status).toBe(200);
  expect((await ready.json()).events).toEqual({ deadLetters: { registry: 1 } });
  const metrics = await (await fetch(new URL('/metrics', stack.services.agreements.url))).text();
  expect(metrics).toMatch(/pq_outbox_dead_letters\{[^}]*subscriber="registry"[^}]*\} 1/);
  const listed = await command('list');
  expect(listed.output).toContain(poisonId);
  expect(listed.output).toContain('cannot apply this institution');
  expect(listed.output).toContain('1 dead letter');

  // Fixed, then replayed: applied once, then the events that waited, in order.
  registrySubgraph.eventHandlers.InstitutionUpserted = original;
  expect(await command('replay', poisonId, '--basis', '运维工单 2026-001', '--operator', 'ops-test')).toEqual({
    code: 0,
    output: `replayed ${poisonId} (agreements → registry)`,
  });
  await stack.eventsDelivered();
  expect(await registryKnows(POISON)).toBe(true);
  expect(await registry(`select status from registry.agreement_status_interval where institution_code = ? and valid_to is null`, [POISON])).toEqual([
    { status: 'SUSPENDED' },
  ]);
  expect(await registry(`select count(*)::int as n from registry.processed_event where id = ?`, [poisonId])).toEqual([{ n: 1 }]);
  expect(await agreements(`select caller, operation, target, basis_document from agreements.audit_log where operation = 'replayDeadLetter'`)).toEqual([
    { caller: 'operator:ops-test', operation: 'replayDeadLetter', target: `${poisonId} → registry`, basis_document: '运维工单 2026-001' },
  ]);
  expect((await (await fetch(new URL('/ready', stack.services.agreements.url))).json()).events).toEqual({ deadLetters: {} });
  expect(await command('replay', poisonId)).toEqual({ code: 1, output: `no dead letter of event ${poisonId}` });
  expect(refusals).toBe(3);
}, 60_000);

test('discarding a dead letter lets the events of its key that waited go on without it', async () => {
  const code = 'H37080207004';
  registrySubgraph.eventHandlers.InstitutionUpserted = async (payload, context) => {
    if (payload.code === code && !payload.agreement?.status.startsWith('SUSPENDED')) throw new Error('refused until suspended');
    return original(payload, context);
  };
  expect(
    (
      await stack.query(
        `mutation { importInstitutions(input: { institutions: [{ code: "${code}", name: "济宁市第十人民医院", kind: MEDICAL, regionCode: "370802", agreementValidFrom: "2026-01-01", agreementValidUntil: "2026-12-31" }] }) { institutions { code } } }`,
      )
    ).errors,
  ).toBeUndefined();
  expect(
    (await stack.query(`mutation { suspendAgreement(input: { institutionCode: "${code}", reason: "违规结算" }) { institution { code } } }`)).errors,
  ).toBeUndefined();
  const [letter] = await until(
    'dead letter',
    () => agreements<{ id: string }>(`select e.id from agreements.outbox_dead_letter d join agreements.outbox_event e on e.seq = d.seq`),
    (rows) => rows.length === 1,
  );
  expect(await registryKnows(code)).toBe(false);
  expect((await command('discard', letter.id)).code).toBe(2);
  expect(await command('discard', letter.id, '--basis', '运维工单 2026-002')).toEqual({ code: 0, output: `discarded ${letter.id} (agreements → registry)` });
  await stack.eventsDelivered();
  expect(await registry(`select status from registry.agreement_status_interval where institution_code = ? and valid_to is null`, [code])).toEqual([
    { status: 'SUSPENDED' },
  ]);
  expect(await registry(`select count(*)::int as n from registry.processed_event where id = ?`, [letter.id])).toEqual([{ n: 0 }]);
  registrySubgraph.eventHandlers.InstitutionUpserted = original;
}, 60_000);
