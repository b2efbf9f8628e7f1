import { DEMO_PEOPLE, MULTI_SITE_DOCTOR, withCheckCharacter } from '../scripts/src/demo';
import { errorCodes, startSeededStack, Stack } from './harness';

const TODAY = '2026-03-16';
const REGISTER = `mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id status registeredOn commitmentSigned person { code status } institution { code } } } }`;
const SIGN = `mutation($input: SignCommitmentInput!) { signCommitment(input: $input) { registration { id commitmentSigned commitmentSignedOn } } }`;
const CANCEL = `mutation($input: CancelRegistrationInput!) { cancelRegistration(input: $input) { registration { id status cancelledOn } } }`;
const SCORE = `mutation($input: RecordScoresInput!) { recordScores(input: $input) { sanctions { kind from until } } }`;
const ELIGIBILITY = `query($p: ID!, $i: ID!, $on: Date!, $e: Boolean) { paymentEligibility(personCode: $p, institutionCode: $i, on: $on, emergency: $e) { payable reason status } }`;
const AUDIT = `query($claims: [ClaimInput!]!) { auditClaims(claims: $claims) { checked rejectedCount rejectedAmount rejected { lineId reason status } } }`;

let stack: Stack;
let sequence = 100;
const newDoctor = (name = '测试医师') => {
  sequence++;
  return {
    code: `D370802000${sequence}`,
    name,
    category: 'DOCTOR',
    idNumber: withCheckCharacter(`3708021980010${String(sequence).padStart(3, '0')}1`.slice(0, 17)),
  };
};
const register = (institutionCode: string, people: object[], idempotencyKey?: string) =>
  stack.query(REGISTER, { input: { institutionCode, people, idempotencyKey } });
const registrationIds = (response: any): string[] => response.data.registerPersonnel.registrations.map((r: { id: string }) => r.id);
const rowCounts = async () => {
  const [row] = await stack.services.registry.orm.em
    .fork()
    .getConnection()
    .execute(
      `select (select count(*) from registry.person)::int as persons, (select count(*) from registry.registration)::int as registrations,
            (select count(*) from registry.status_interval)::int as intervals, (select count(*) from registry.outbox_event)::int as events`,
    );
  return row;
};

beforeAll(async () => {
  stack = await startSeededStack(TODAY);
});
afterAll(() => stack?.stop());

describe('registerPersonnel (R1, R2, R5, R9)', () => {
  test('a batch with one bad entry is refused whole, with one problem per bad entry, and leaves no row behind', async () => {
    const before = await rowCounts();
    const good = newDoctor();
    const badId = { ...newDoctor(), idNumber: '370802198001010011' };
    const badCode = { ...newDoctor(), code: 'N370802000999' };
    const response = await register('H37080200090', [good, badId, badCode]);
    expect(errorCodes(response)).toEqual([
      {
        code: 'BAD_USER_INPUT',
        entries: [expect.objectContaining({ index: 1, code: 'INVALID_ID_NUMBER' }), expect.objectContaining({ index: 2, code: 'INVALID_PERSONNEL_CODE' })],
      },
    ]);
    expect(await rowCounts()).toEqual(before);
    expect((await stack.query(`{ person(code: "${good.code}") { code } }`)).data.person).toBeNull();
  });

  test('an unknown institution, a duplicate live registration and a pharmacy principal at a hospital are refused', async () => {
    expect(errorCodes(await register('H37080299999', [newDoctor()]))[0].entries?.[0].code).toBe('NOT_FOUND');
    expect(errorCodes(await register('H37080200090', [{ ...DEMO_PEOPLE.nurse }]))[0].entries?.[0].code).toBe('DUPLICATE_REGISTRATION');
    const principal = { code: 'HY370802000901', name: '药店负责人', category: 'PHARMACY_PRINCIPAL', idNumber: withCheckCharacter('37080219700101001') };
    expect(errorCodes(await register('H37080200090', [principal]))[0].entries?.[0].code).toBe('BAD_USER_INPUT');
  });

  test('R5: during a suspension no other institution may newly register the person', async () => {
    const suspended = DEMO_PEOPLE.suspendedDoctor;
    const response = await register('H37080200090', [suspended]);
    expect(errorCodes(response)[0].entries?.[0]).toMatchObject({ index: 0, code: 'REGISTRATION_BANNED' });
  });

  test('R9: after a termination a new registration fails with REGISTRATION_BANNED and the end date', async () => {
    const doctor = newDoctor('终止医师');
    expect((await register('H37080200090', [doctor])).errors).toBeUndefined();
    await stack.eventsDelivered();
    const scored = await stack.query(SCORE, {
      input: {
        decisionType: 'ADMINISTRATIVE_PENALTY',
        documentNumber: '济医保罚〔2026〕99号',
        decidedOn: '2026-03-02',
        items: [{ personCode: doctor.code, institutionCode: 'H37080200090', violationCode: 'JN4-01', responsibility: 'MAIN' }],
      },
    });
    expect(scored.data.recordScores.sanctions).toEqual([{ kind: 'TERMINATION', from: '2026-03-02', until: '2029-03-01' }]);
    await stack.eventsDelivered();
    const person = await stack.query(`{ person(code: "${doctor.code}") { status reRegistrationBlockedUntil registrations { status } } }`);
    expect(person.data.person).toEqual({ status: 'TERMINATED', reRegistrationBlockedUntil: '2029-03-01', registrations: [{ status: 'TERMINATED' }] });
    const again = await register('H37080200131', [doctor]);
    expect(errorCodes(again)[0].entries?.[0]).toEqual(expect.objectContaining({ code: 'REGISTRATION_BANNED', until: '2029-03-01' }));
  });

  test('repeating a batch with its idempotency key returns the first registrations and stores nothing more; another batch under the same key is refused', async () => {
    const doctor = newDoctor('幂等医师');
    const first = await register('H37080200131', [doctor], 'batch-1');
    const before = await rowCounts();
    const second = await register('H37080200131', [doctor], 'batch-1');
    expect(registrationIds(second)).toEqual(registrationIds(first));
    expect(await rowCounts()).toEqual(before);
    expect(errorCodes(await register('H37080200131', [newDoctor()], 'batch-1'))[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

/**
 * A registration batch's statements, whatever its size: its checks, the inserts, the status derived
 * again, the outbox, the change feed's entries and the audit entry. A person's causes are read in one
 * statement (three before), twice: to check the registration and to derive the status with it.
 */
const REGISTRATION_STATEMENTS = 23;

test(`a registration batch costs the same statements for 2 people as for 6, events included (outbox written set-based), at most ${REGISTRATION_STATEMENTS}`, async () => {
  const batch = (size: number) => ({ input: { institutionCode: 'H37080200090', people: Array.from({ length: size }, () => newDoctor('批量医师')) } });
  const two = await stack.countStatements(REGISTER, batch(2));
  const six = await stack.countStatements(REGISTER, batch(6));
  expect(two.response.errors).toBeUndefined();
  expect(six.response.data.registerPersonnel.registrations).toHaveLength(6);
  expect(six.statements).toBe(two.statements);
  expect(two.statements).toBeLessThanOrEqual(REGISTRATION_STATEMENTS);
  await stack.eventsDelivered();
  const [row] = await stack.services.registry.orm.em
    .fork()
    .getConnection()
    .execute(`select count(*)::int as n from registry.outbox_event where type = 'PersonRegistered' and aggregate_key = any(?::text[])`, [
      `{${six.response.data.registerPersonnel.registrations.map((r: any) => r.person.code).join(',')}}`,
    ]);
  expect(row.n).toBe(6);
});

describe('R6: a pharmacy principal sanctioned at one pharmacy is sanctioned at all of them', () => {
  test('a suspension decided at one pharmacy suspends both', async () => {
    const principal = DEMO_PEOPLE.pharmacyPrincipal.code;
    await stack.query(SCORE, {
      input: {
        decisionType: 'AGREEMENT_HANDLING',
        documentNumber: '济医保协处〔2026〕31号',
        decidedOn: '2026-03-13',
        items: [{ personCode: principal, institutionCode: 'P37080201036', violationCode: 'JN3-01', responsibility: 'MAIN' }],
      },
    });
    await stack.eventsDelivered();
    const person = await stack.query(
      `{ person(code: "${principal}") { status registrations { status institution { code } } statusHistory { status from until cause basisDocument institution { code } } } }`,
    );
    expect(person.data.person.status).toBe('SUSPENDED');
    expect(person.data.person.registrations).toEqual([
      { status: 'SUSPENDED', institution: { code: 'P37080201036' } },
      { status: 'SUSPENDED', institution: { code: 'P37080201037' } },
    ]);
    expect(person.data.person.statusHistory.filter((c: { status: string }) => c.status === 'SUSPENDED')).toEqual([
      expect.objectContaining({ from: '2026-03-13', until: null, basisDocument: '济医保协处〔2026〕31号' }),
      expect.objectContaining({ from: '2026-03-13', until: null, basisDocument: '济医保协处〔2026〕31号' }),
    ]);
  });
});

describe('commitment, eligibility and moves (R4, R8, E1, E3)', () => {
  let registrationId: string;
  const doctor = newDoctor('资格医师');

  beforeAll(async () => {
    const response = await register('H37080200090', [{ ...doctor, registeredOn: '2026-02-02' }]);
    registrationId = registrationIds(response)[0];
  });

  const eligibility = async (on: string, emergency = false, institution = 'H37080200090') =>
    (await stack.query(ELIGIBILITY, { p: doctor.code, i: institution, on, e: emergency })).data.paymentEligibility;

  test('R8: without a signed commitment nothing is payable; after signing it is', async () => {
    expect(await eligibility('2026-03-02')).toMatchObject({ payable: false, status: 'NORMAL', reason: expect.stringContaining('service commitment') });
    const signed = await stack.query(SIGN, { input: { registrationId, signedOn: '2026-02-10' } });
    expect(signed.data.signCommitment.registration).toEqual({ id: registrationId, commitmentSigned: true, commitmentSignedOn: '2026-02-10' });
    expect(await eligibility('2026-03-02')).toMatchObject({ payable: true, status: 'NORMAL' });
    expect(await eligibility('2026-02-09')).toMatchObject({ payable: false, reason: expect.stringContaining('service commitment') });
  });

  test('E1: the suspended doctor is not payable from the effective date, emergencies are, and a date before the suspension is (E3)', async () => {
    const suspended = DEMO_PEOPLE.suspendedDoctor.code;
    const check = async (on: string, e = false) => (await stack.query(ELIGIBILITY, { p: suspended, i: 'H37080200131', on, e })).data.paymentEligibility;
    expect(await check('2026-03-06')).toMatchObject({ payable: false, status: 'SUSPENDED', reason: expect.stringContaining('suspended on 2026-03-06') });
    expect(await check('2026-03-06', true)).toMatchObject({ payable: true, status: 'SUSPENDED', reason: expect.stringContaining('emergency') });
    expect(await check('2026-03-05')).toMatchObject({ payable: true, status: 'NORMAL' });
  });

  test('checks sent at once (merged into shared statements) each get their own answer', async () => {
    const checks = [
      { p: DEMO_PEOPLE.suspendedDoctor.code, i: 'H37080200131', on: '2026-03-06', e: false },
      { p: DEMO_PEOPLE.suspendedDoctor.code, i: 'H37080200131', on: '2026-03-06', e: true },
      { p: DEMO_PEOPLE.suspendedDoctor.code, i: 'H37080200131', on: '2026-03-05', e: false },
      { p: doctor.code, i: 'H37080200090', on: '2026-03-02', e: false },
      { p: doctor.code, i: 'H37080200131', on: '2026-03-02', e: false },
    ];
    const ask = async (variables: object) => (await stack.query(ELIGIBILITY, variables)).data.paymentEligibility;
    const alone = [];
    for (const variables of checks) alone.push(await ask(variables));
    expect(new Set(alone.map((answer) => JSON.stringify(answer))).size).toBe(checks.length);
    const atOnce = await Promise.all([...checks, ...checks, ...checks].map(ask));
    expect(atOnce).toEqual([...alone, ...alone, ...alone]);
  });

  test('no agreement in force on the date → not payable', async () => {
    expect(await eligibility('2025-08-01')).toMatchObject({ payable: false });
  });

  test('R4: cancelling keeps the history, ends payment, and the person registers anew at a new employer', async () => {
    const cancelled = await stack.query(CANCEL, { input: { registrationId, on: '2026-03-10', reason: '劳动合同到期' } });
    expect(cancelled.data.cancelRegistration.registration).toEqual({ id: registrationId, status: 'CANCELLED', cancelledOn: '2026-03-10' });
    expect(errorCodes(await stack.query(CANCEL, { input: { registrationId, reason: 'again' } }))[0].code).toBe('INVALID_STATE');
    expect(await eligibility('2026-03-09')).toMatchObject({ payable: true });
    expect(await eligibility('2026-03-10')).toMatchObject({ payable: false, status: 'CANCELLED', reason: expect.stringContaining('not registered') });

    const person = await stack.query(
      `{ person(code: "${doctor.code}") { status registrations { status } all: registrations(includeCancelled: true) { status } statusHistory { status from until } } }`,
    );
    expect(person.data.person).toMatchObject({ status: 'CANCELLED', registrations: [], all: [{ status: 'CANCELLED' }] });
    expect(person.data.person.statusHistory).toEqual([
      { status: 'NORMAL', from: '2026-02-02', until: '2026-03-09' },
      { status: 'CANCELLED', from: '2026-03-10', until: null },
    ]);
    expect((await register('H37100200015', [doctor])).errors).toBeUndefined();
    expect((await stack.query(`{ person(code: "${doctor.code}") { status } }`)).data.person.status).toBe('NORMAL');
  });
});

describe('auditClaims (E2–E3)', () => {
  test('checks thousands of lines set-based: the rejections, their reasons and the amount to recover', async () => {
    const suspended = DEMO_PEOPLE.suspendedDoctor.code;
    const lines = Array.from({ length: 2000 }, (_, i) => {
      const kind = i % 4;
      if (kind === 0) return { lineId: `L${i}`, personCode: suspended, institutionCode: 'H37080200131', serviceDate: '2026-03-06', amount: 100 };
      if (kind === 1)
        return { lineId: `L${i}`, personCode: suspended, institutionCode: 'H37080200131', serviceDate: '2026-03-06', emergency: true, amount: 50 };
      if (kind === 2) return { lineId: `L${i}`, personCode: suspended, institutionCode: 'H37080200131', serviceDate: '2026-03-05', amount: 70 };
      return { lineId: `L${i}`, personCode: 'D370802999999', institutionCode: 'H37080200131', serviceDate: '2026-03-05', amount: 10.5 };
    });
    const small = await stack.countStatements(AUDIT, { claims: lines.slice(0, 8) });
    const large = await stack.countStatements(AUDIT, { claims: lines });
    const result = large.response.data.auditClaims;
    expect(result).toMatchObject({ checked: 2000, rejectedCount: 1000, rejectedAmount: 500 * 100 + 500 * 10.5 });
    expect(result.rejected[0]).toEqual({ lineId: 'L0', status: 'SUSPENDED', reason: expect.stringContaining('suspended on 2026-03-06') });
    expect(result.rejected.find((r: { lineId: string }) => r.lineId === 'L3')).toEqual({
      lineId: 'L3',
      status: 'CANCELLED',
      reason: expect.stringContaining('not registered'),
    });
    expect(large.statements).toBe(small.statements);
  });
});

describe('lists and the public status check (R10)', () => {
  test('Institution.personnel filters by the registration status there and counts', async () => {
    const query = `{ institution(code: "P37080201036") { personnel { totalCount edges { node { code } } } suspended: personnel(status: SUSPENDED) { totalCount } normal: personnel(status: NORMAL) { totalCount } } }`;
    const institution = (await stack.query(query)).data.institution;
    expect(institution).toEqual({
      personnel: { totalCount: 1, edges: [{ node: { code: DEMO_PEOPLE.pharmacyPrincipal.code } }] },
      suspended: { totalCount: 1 },
      normal: { totalCount: 0 },
    });
  });

  test('persons pages through a filter with cursors', async () => {
    const page = async (after?: string) =>
      (
        await stack.query(
          `query($after: String) { persons(filter: { regionPrefix: "3708", category: DOCTOR }, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }`,
          { after },
        )
      ).data.persons;
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.edges[0].node.code > first.edges[1].node.code).toBe(true);
    expect(first.totalCount).toBeGreaterThanOrEqual(4);
  });

  test('appointment platforms check a status without a token; nothing else is open without one', async () => {
    const open = await stack.query(`{ publicPersonStatus(code: "${DEMO_PEOPLE.suspendedDoctor.code}") { code name category status } }`, {}, null);
    expect(open.data.publicPersonStatus).toEqual({ code: 'D370802000789', name: '王芳', category: 'DOCTOR', status: 'SUSPENDED' });
    const closed = await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { code } }`, {}, null);
    expect(errorCodes(closed)[0].code).toBe('UNAUTHENTICATED');
  });
});
