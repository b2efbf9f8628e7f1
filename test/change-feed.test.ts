import { Client } from 'pg';
import { DEMO_PEOPLE, MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { ChangeKind } from '../subgraphs/registry/src/domain/change-feed';
import { appendChanges } from '../subgraphs/registry/src/repositories/change-feed';
import { newDoctor, REGISTER, registerAt, score } from './fixtures';
import { errorCodes, startSeededStack, startStack, Stack } from './harness';

// Issue #20: partners (002 art.52) and appointment platforms (002 art.37) mirror what changed
// from one ordered, resumable feed: a stored cursor survives a restart, nothing is skipped or
// repeated, each partner sees its region only, with ID numbers masked.
const TODAY = '2026-03-16';
const WEIHAI = 'H37100200015';
const JINING = 'H37080200090';
const weihaiPartner = { role: 'HEALTH_PARTNER' as const, region: '3710', sub: 'weihai-health-commission' };
const jiningPartner = { role: 'DRUG_PARTNER' as const, region: '3708', sub: 'jining-drug-regulator' };
const weihaiAgency = { role: 'CITY_AGENCY' as const, region: '3710' };
const hospital = { role: 'INSTITUTION' as const, institution: WEIHAI, region: '371002', sub: `staff-${WEIHAI}` };

const CHANGES = `query($first: Int, $after: String, $filter: ChangeFilter) {
  changes(first: $first, after: $after, filter: $filter) {
    edges { cursor node { cursor kind effectiveOn basisDocument person { code idNumberMasked } institution { code name } registrationId status previousStatus points sanctionId cause } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Entry {
  cursor: string;
  kind: string;
  effectiveOn: string;
  basisDocument: string | null;
  person: { code: string; idNumberMasked: string } | null;
  institution: { code: string } | null;
  status: string | null;
  points: number | null;
  cause: string | null;
}

/** A partner's sync loop: pages after its stored cursor until there is no next page; the last endCursor is stored. */
async function sync(stack: Stack, as: object, cursor: string | null, first = 4): Promise<{ entries: Entry[]; cursor: string | null }> {
  const entries: Entry[] = [];
  for (;;) {
    const page = await stack.query(CHANGES, { first, after: cursor }, as);
    if (page.errors) throw new Error(JSON.stringify(page.errors));
    entries.push(...page.data.changes.edges.map((edge: { node: Entry }) => edge.node));
    cursor = page.data.changes.pageInfo.endCursor;
    if (!page.data.changes.pageInfo.hasNextPage) return { entries, cursor };
  }
}

const kinds = (entries: Entry[]) => entries.map((e) => e.kind);

let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack(TODAY);
});
afterAll(() => stack?.stop());

test('a partner syncs a day of changes, the stack restarts, and it resumes: nothing skipped, nothing repeated, in order, its region only, masked', async () => {
  const doctor = newDoctor('订阅医师');
  const restored = newDoctor('恢复订阅医师');
  const seen: Entry[] = [];
  const jiningSeen: Entry[] = [];

  // The partner's first sync: what the region has on file.
  let weihai = await sync(stack, weihaiPartner, null);
  seen.push(...weihai.entries);
  let jining = await sync(stack, jiningPartner, null);
  jiningSeen.push(...jining.entries);

  // Morning: a registration, and two decisions reaching a suspension (6 + 3 points, 002 art.29).
  await registerAt(stack, doctor, [WEIHAI]);
  await registerAt(stack, restored, [WEIHAI], '2025-12-01');
  const first = await score(stack, `威医保罚〔2026〕订阅-1号`, '2026-03-02', [
    { personCode: doctor.code, institutionCode: WEIHAI, violationCode: 'N2-01', responsibility: 'MAIN' },
  ]);
  await score(stack, `威医保罚〔2026〕订阅-2号`, '2026-03-10', [
    { personCode: doctor.code, institutionCode: WEIHAI, violationCode: 'N1-01', responsibility: 'MAIN' },
  ]);
  await score(stack, '威医保罚〔2026〕恢复-1号', '2026-01-05', [
    { personCode: restored.code, institutionCode: WEIHAI, violationCode: 'N2-03', responsibility: 'MAIN' },
  ]);
  await score(stack, '威医保罚〔2026〕恢复-2号', '2026-01-12', [
    { personCode: restored.code, institutionCode: WEIHAI, violationCode: 'N1-01', responsibility: 'MAIN' },
  ]);
  await stack.eventsDelivered();

  weihai = await sync(stack, weihaiPartner, weihai.cursor);
  seen.push(...weihai.entries);
  expect(kinds(weihai.entries)).toEqual(
    expect.arrayContaining(['REGISTERED', 'SCORE_RECORDED', 'SANCTION_DECIDED', 'REGISTRATION_STATUS_CHANGED', 'PERSON_STATUS_CHANGED']),
  );
  const suspended = weihai.entries.find((e) => e.kind === 'PERSON_STATUS_CHANGED' && e.person?.code === doctor.code)!;
  expect(suspended).toMatchObject({ status: 'SUSPENDED', effectiveOn: '2026-03-10', basisDocument: '威医保罚〔2026〕订阅-2号' });
  expect(weihai.entries.find((e) => e.kind === 'SCORE_RECORDED' && e.person?.code === doctor.code)).toMatchObject({
    basisDocument: '威医保罚〔2026〕订阅-1号',
    effectiveOn: '2026-03-02',
    institution: { code: WEIHAI },
  });

  // Noon: the first decision changed on appeal to 0 points — the suspension is annulled (A4).
  const filed = await stack.query(
    `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { id } } }`,
    { input: { scoreRecordId: first.data.recordScores.records[0].id, statement: '记分依据不足，申请复核', signedByPerson: true, stampedByInstitution: true } },
    hospital,
  );
  const decided = await stack.query(
    `mutation($input: DecideAppealInput!) { decideAppeal(input: $input) { appeal { status } } }`,
    { input: { appealId: filed.data.fileAppeal.appeal.id, outcome: 'CHANGED', newPoints: 0, reason: '改变记分' } },
    weihaiAgency,
  );
  expect(decided.errors).toBeUndefined();
  await stack.eventsDelivered();

  // A deployment: the stack stops and starts again on the same database; the partner keeps only its cursor.
  const databaseUrl = stack.databaseUrl!;
  await stack.stop();
  stack = await startStack({ today: TODAY, databaseUrl });

  // Afternoon: an agreement measure in Jining (R7) and a restoration in Weihai (S13).
  const measured = await stack.query(`mutation($input: AgreementMeasureInput!) { suspendAgreement(input: $input) { institution { code } } }`, {
    input: { institutionCode: JINING, reason: '违规结算', basisDocument: '济医保协〔2026〕中止9号', responsiblePersonCodes: [DEMO_PEOPLE.nurse.code] },
  });
  expect(measured.errors).toBeUndefined();
  const applied = await stack.query(`mutation($input: ApplyForRestorationInput!) { applyForRestoration(input: $input) { application { id } } }`, {
    input: { personCode: restored.code, institutionCode: WEIHAI, appliedOn: '2026-03-02' },
  });
  const approved = await stack.query(`mutation($input: DecideRestorationInput!) { decideRestoration(input: $input) { application { status } } }`, {
    input: { applicationId: applied.data.applyForRestoration.application.id, approve: true },
  });
  expect(approved.data.decideRestoration.application.status).toBe('APPROVED');
  await stack.eventsDelivered();

  weihai = await sync(stack, weihaiPartner, weihai.cursor);
  seen.push(...weihai.entries);
  expect(kinds(weihai.entries)).toEqual(expect.arrayContaining(['APPEAL_DECIDED', 'SANCTION_ANNULLED', 'SANCTION_LIFTED']));
  expect(weihai.entries.find((e) => e.kind === 'APPEAL_DECIDED')).toMatchObject({ person: { code: doctor.code }, points: 0, effectiveOn: TODAY });
  expect(weihai.entries.filter((e) => e.kind === 'PERSON_STATUS_CHANGED').map((e) => [e.person!.code, e.status])).toEqual(
    expect.arrayContaining([
      [doctor.code, 'NORMAL'],
      [restored.code, 'NORMAL'],
    ]),
  );
  expect(weihai.entries.find((e) => e.kind === 'SANCTION_LIFTED' && e.person?.code === restored.code)!.cause).toContain('资格恢复');

  // Nothing skipped, nothing repeated, order kept: the partner's pages equal one read of its whole feed.
  const whole = await stack.query(CHANGES, { first: 500 }, weihaiPartner);
  expect(whole.data.changes.pageInfo.hasNextPage).toBe(false);
  expect(seen.map((e) => e.cursor)).toEqual(whole.data.changes.edges.map((edge: { cursor: string }) => edge.cursor));
  expect(new Set(seen.map((e) => e.cursor)).size).toBe(seen.length);

  // Region scope: Jining's measure and its nurse are not Weihai's; Weihai's new doctors are not Jining's.
  expect(seen.filter((e) => e.kind === 'AGREEMENT_MEASURE_APPLIED' || e.person?.code === DEMO_PEOPLE.nurse.code)).toEqual([]);
  // An entry at an institution is its region's: the Weihai partner sees the demo doctor's sanctions, not his Jining registration.
  expect(seen.filter((e) => e.institution && !e.institution.code.startsWith('H3710'))).toEqual([]);
  expect(seen.filter((e) => e.person?.code === MULTI_SITE_DOCTOR && e.kind === 'REGISTERED').map((e) => e.institution!.code)).toEqual([WEIHAI]);
  jining = await sync(stack, jiningPartner, jining.cursor);
  jiningSeen.push(...jining.entries);
  expect(jining.entries.find((e) => e.kind === 'AGREEMENT_MEASURE_APPLIED')).toMatchObject({
    institution: { code: JINING },
    basisDocument: '济医保协〔2026〕中止9号',
    effectiveOn: TODAY,
  });
  expect(jining.entries.find((e) => e.kind === 'REGISTRATION_STATUS_CHANGED' && e.person?.code === DEMO_PEOPLE.nurse.code)).toMatchObject({
    status: 'SUSPENDED',
    previousStatus: 'NORMAL',
  });
  expect(jiningSeen.filter((e) => [doctor.code, restored.code].includes(e.person?.code ?? ''))).toEqual([]);

  // Masking: partners see masked ID numbers only, and never the full one.
  const mine = seen.filter((e) => e.person?.code === doctor.code);
  expect(mine[0].person!.idNumberMasked).toMatch(/^371002\*{8}/);
  expect(JSON.stringify(seen)).not.toContain(doctor.idNumber);
  const unmasked = await stack.query(`{ changes(first: 1, filter: { kinds: [REGISTERED] }) { edges { node { person { idNumber } } } } }`, {}, weihaiPartner);
  expect(errorCodes(unmasked).map((e) => e.code)).toContain('FORBIDDEN');

  // At the end the partner keeps its place: an empty page gives back the cursor it was asked with.
  const end = await stack.query(CHANGES, { after: weihai.cursor }, weihaiPartner);
  expect(end.data.changes).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: weihai.cursor } });

  // Every read is audited, scoped to the partner's region.
  const audit = await stack.query(`{ registryAuditLog(filter: { operation: "read changes", caller: "${weihaiPartner.sub}" }, first: 100) { totalCount } }`);
  expect(audit.data.registryAuditLog.totalCount).toBeGreaterThanOrEqual(4);
});

test('kinds and a start date filter the feed', async () => {
  const page = await stack.query(CHANGES, { first: 500, filter: { kinds: ['SCORE_RECORDED'], since: '2026-03-01' } }, weihaiPartner);
  expect(page.errors).toBeUndefined();
  const entries: Entry[] = page.data.changes.edges.map((edge: { node: Entry }) => edge.node);
  expect(entries.length).toBeGreaterThan(0);
  expect(entries.every((e) => e.kind === 'SCORE_RECORDED' && e.effectiveOn >= '2026-03-01')).toBe(true);
});

test('a bad or foreign cursor is INVALID_CURSOR with HTTP 400, never an empty page', async () => {
  const token = await stack.token(weihaiPartner);
  const ask = async (after: string) => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CHANGES, variables: { after } }),
    });
    return { status: response.status, body: (await response.json()) as { data: unknown; errors?: { extensions: { code: string; field?: string } }[] } };
  };
  const persons = await stack.query(`{ persons(first: 1) { pageInfo { endCursor } } }`);
  for (const after of ['not a cursor', Buffer.from('v2:12').toString('base64url'), persons.data.persons.pageInfo.endCursor]) {
    const { status, body } = await ask(after);
    expect({ status, data: body.data, error: body.errors?.[0].extensions }).toMatchObject({
      status: 400,
      data: null,
      error: { code: 'INVALID_CURSOR', field: 'after' },
    });
  }
});

test('partners never read a birth date, the masked middle of the ID number: by the feed, a list or a node', async () => {
  const { data } = await stack.query(`{ changes(first: 1, filter: { kinds: [REGISTERED] }) { edges { node { person { id } } } } }`, {}, weihaiPartner);
  const id = data.changes.edges[0].node.person.id;
  for (const query of [
    `{ changes(first: 1, filter: { kinds: [REGISTERED] }) { edges { node { person { code birthDate } } } } }`,
    `{ persons(first: 1) { edges { node { code birthDate } } } }`,
    `{ node(id: "${id}") { ... on Person { code birthDate } } }`,
  ]) {
    expect(errorCodes(await stack.query(query, {}, weihaiPartner)).map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await stack.query(query, {}, weihaiAgency)).errors).toBeUndefined();
  }
});

test("a registration and its cancellation come before the statuses they change, recorded with them (no event's round trip)", async () => {
  const doctor = newDoctor('顺序医师');
  const { cursor } = await sync(stack, weihaiPartner, null, 500);
  const registered = await stack.query(REGISTER, { input: { institutionCode: WEIHAI, people: [{ ...doctor, registeredOn: '2026-02-02' }] } });
  const registrationId = registered.data.registerPersonnel.registrations[0].id;
  const cancelled = await stack.query(
    `mutation($input: CancelRegistrationInput!) { cancelRegistration(input: $input) { registration { id } } }`,
    { input: { registrationId, on: '2026-03-13', reason: '合同期满' } },
    hospital,
  );
  expect(cancelled.errors).toBeUndefined();
  const mine = (await sync(stack, weihaiPartner, cursor, 500)).entries.filter((e) => e.person?.code === doctor.code);
  expect(mine.map((e) => [e.kind, e.status, e.effectiveOn])).toEqual([
    ['REGISTERED', null, '2026-02-02'],
    ['REGISTRATION_CANCELLED', null, '2026-03-13'],
    ['REGISTRATION_STATUS_CHANGED', 'CANCELLED', '2026-03-13'],
    ['PERSON_STATUS_CHANGED', 'CANCELLED', '2026-03-13'],
  ]);
  await stack.eventsDelivered();
  expect((await sync(stack, weihaiPartner, cursor, 500)).entries.filter((e) => e.person?.code === doctor.code)).toEqual(mine);
});

test('who may read: agencies and partners, not institutions or persons', async () => {
  const institution = await stack.query(CHANGES, {}, hospital);
  expect(errorCodes(institution)[0].code).toBe('FORBIDDEN');
  const national = await stack.query(CHANGES, { first: 1 });
  expect(national.errors).toBeUndefined();
});

test('concurrent writers never make a reader skip a position', async () => {
  const orm = stack.services.registry.orm;
  const entry = (basisDocument: string) => ({
    sourceEventId: null,
    kind: ChangeKind.SCORE_RECORDED,
    effectiveOn: TODAY,
    basisDocument,
    personCode: null,
    institutionCode: WEIHAI,
    details: {},
  });
  let { cursor } = await sync(stack, weihaiPartner, null, 500);
  const read: string[] = [];
  const readOn = async () => {
    const page = await sync(stack, weihaiPartner, cursor, 500);
    read.push(...page.entries.map((e) => e.basisDocument!));
    cursor = page.cursor;
  };
  for (const round of [1, 2, 3]) {
    // A takes a position and stays open; B takes the next one and commits — or waits for A, as the feed must make it.
    let inserted!: () => void;
    const aInserted = new Promise<void>((resolve) => (inserted = resolve));
    const b = aInserted.then(() => orm.em.fork().transactional((em) => appendChanges(em as never, [entry(`并发-${round}-B`)])));
    await orm.em.fork().transactional(async (em) => {
      await appendChanges(em as never, [entry(`并发-${round}-A`)]);
      inserted();
      await Promise.race([b, new Promise((resolve) => setTimeout(resolve, 300))]);
      // A reader pages while A is still uncommitted.
      await readOn();
    });
    await b;
  }
  await readOn();
  expect(read).toEqual(['并发-1-A', '并发-1-B', '并发-2-A', '并发-2-B', '并发-3-A', '并发-3-B']);
});

test("the feed's lock has a key space of its own: a person's lock that hashes alike holds up no feed write", async () => {
  // Person locks are one-key locks on hashtext('person:<code>'); the feed once took hashtext('change-feed:append') in the same space.
  const other = new Client({ connectionString: stack.databaseUrl! });
  await other.connect();
  try {
    await other.query('begin');
    await other.query(`select pg_advisory_xact_lock(hashtext('change-feed:append'))`);
    const append = stack.services.registry.orm.em.fork().transactional((em) =>
      appendChanges(em as never, [
        {
          sourceEventId: null,
          kind: ChangeKind.SCORE_RECORDED,
          effectiveOn: TODAY,
          basisDocument: '锁-1',
          personCode: null,
          institutionCode: WEIHAI,
          details: {},
        },
      ]),
    );
    const outcome = await Promise.race([append.then(() => 'written'), new Promise((resolve) => setTimeout(() => resolve('blocked'), 2000))]);
    await other.query('rollback');
    await append;
    expect(outcome).toBe('written');
  } finally {
    await other.end();
  }
});

const DETAILS = `query($first: Int, $after: String, $filter: ChangeFilter) {
  changes(first: $first, after: $after, filter: $filter) {
    edges { node { kind effectiveOn basisDocument person { code } institution { code } sanctionId until points appealId appealOutcome
      agreementStatus previousAgreementStatus agreementValidFrom agreementValidUntil } }
  }
}`;
/** The entries of the given kinds the Weihai partner sees after a cursor. */
const entriesAfter = async (cursor: string | null, kinds: string[]) =>
  (await stack.query(DETAILS, { first: 500, after: cursor, filter: { kinds } }, weihaiPartner)).data.changes.edges.map(
    (edge: { node: Record<string, unknown> }) => edge.node,
  );

test('a shortened re-registration ban is dated by the repair decision that shortened it, with that decision as its basis (S12)', async () => {
  const terminated = newDoctor('禁登缩短医师');
  await registerAt(stack, terminated, [WEIHAI]);
  await score(stack, '威医保罚〔2026〕禁登-1号', '2026-02-03', [
    { personCode: terminated.code, institutionCode: WEIHAI, violationCode: 'N4-01', responsibility: 'MAIN' },
  ]);
  await stack.eventsDelivered();
  const { cursor } = await sync(stack, weihaiPartner, null, 500);
  const applied = await stack.query(
    `mutation($input: ApplyForRepairInput!) { applyForRepair(input: $input) { application { id } } }`,
    { input: { personCode: terminated.code, institutionCode: WEIHAI, statement: '已全额退回并完成整改' } },
    hospital,
  );
  const applicationId = applied.data.applyForRepair.application.id;
  await stack.query(
    `mutation($input: ReviewRepairInput!) { reviewRepair(input: $input) { application { status } } }`,
    { input: { applicationId, agree: true } },
    hospital,
  );
  // Recorded four days after the decision: the ban is shortened from the decision's day, not the day registry hears of it.
  stack.clock.set('2026-03-20');
  try {
    const decided = await stack.query(`mutation($input: DecideRepairInput!) { decideRepair(input: $input) { application { status } } }`, {
      input: { applicationId, approve: true, newUntil: '2027-02-02', decidedOn: TODAY },
    });
    expect(decided.errors).toBeUndefined();
    await stack.eventsDelivered();
  } finally {
    stack.clock.set(TODAY);
  }
  expect(await entriesAfter(cursor, ['REREGISTRATION_BAN_SHORTENED'])).toEqual([
    expect.objectContaining({ person: { code: terminated.code }, effectiveOn: TODAY, basisDocument: `repair ${applicationId}`, until: '2027-02-02' }),
  ]);
});

test('every appeal decision reaches the feed — upheld, changed, withdrawn — with its outcome and the decision appealed against (A4)', async () => {
  const doctor = newDoctor('申诉订阅医师');
  await registerAt(stack, doctor, [WEIHAI]);
  const documents = ['威医保罚〔2026〕申诉-1号', '威医保罚〔2026〕申诉-2号', '威医保罚〔2026〕申诉-3号'];
  const appealIds: string[] = [];
  for (const [i, documentNumber] of documents.entries()) {
    const scored = await score(stack, documentNumber, `2026-03-0${i + 2}`, [
      { personCode: doctor.code, institutionCode: WEIHAI, violationCode: 'N1-01', responsibility: 'MAIN' },
    ]);
    // Appeals learns of the score record from its event.
    await stack.eventsDelivered();
    const filed = await stack.query(
      `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { id } } }`,
      { input: { scoreRecordId: scored.data.recordScores.records[0].id, statement: '申请复核', signedByPerson: true, stampedByInstitution: true } },
      hospital,
    );
    expect(filed.errors).toBeUndefined();
    appealIds.push(filed.data.fileAppeal.appeal.id);
  }
  await stack.eventsDelivered();
  const { cursor } = await sync(stack, weihaiPartner, null, 500);
  const decide = `mutation($input: DecideAppealInput!) { decideAppeal(input: $input) { appeal { status } } }`;
  expect((await stack.query(decide, { input: { appealId: appealIds[0], outcome: 'UPHELD', reason: '事实清楚，维持' } }, weihaiAgency)).errors).toBeUndefined();
  expect(
    (await stack.query(decide, { input: { appealId: appealIds[1], outcome: 'CHANGED', newPoints: 1, reason: '改变记分' } }, weihaiAgency)).errors,
  ).toBeUndefined();
  const withdrawn = await stack.query(
    `mutation($input: AppealStepInput!) { withdrawAppeal(input: $input) { appeal { status } } }`,
    { input: { appealId: appealIds[2] } },
    hospital,
  );
  expect(withdrawn.errors).toBeUndefined();
  await stack.eventsDelivered();
  const decisions = await entriesAfter(cursor, ['APPEAL_DECIDED']);
  expect(decisions.map((e: Record<string, unknown>) => [e.appealId, e.appealOutcome, e.basisDocument, e.points, e.effectiveOn, e.person])).toEqual([
    [appealIds[0], 'UPHELD', documents[0], null, TODAY, { code: doctor.code }],
    [appealIds[1], 'CHANGED', documents[1], 1, TODAY, { code: doctor.code }],
    [appealIds[2], 'WITHDRAWN', documents[2], null, TODAY, { code: doctor.code }],
  ]);
  // Scoring changed only the score the appeal changed: 3 + 1 + 3.
  expect((await stack.query(`{ person(code: "${doctor.code}") { points } }`)).data.person.points).toBe(7);
});

test("an agreement's status and validity changes reach the feed in its institution's region, and the same facts again add nothing", async () => {
  const code = 'P37100209001';
  const { cursor } = await sync(stack, weihaiPartner, null, 500);
  const jining = await sync(stack, jiningPartner, null, 500);
  const importAgreement = async (agreementValidFrom: string, agreementValidUntil: string) => {
    const imported = await stack.query(`mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code } } }`, {
      input: { institutions: [{ code, name: '威海订阅药房', kind: 'PHARMACY', regionCode: '371002', agreementValidFrom, agreementValidUntil }] },
    });
    expect(imported.errors).toBeUndefined();
    await stack.eventsDelivered();
  };
  await importAgreement('2026-01-01', '2026-12-31');
  await importAgreement('2026-01-01', '2026-12-31');
  const suspended = await stack.query(`mutation($input: AgreementMeasureInput!) { suspendAgreement(input: $input) { institution { code } } }`, {
    input: { institutionCode: code, reason: '违规结算', basisDocument: '威医保协〔2026〕中止1号' },
  });
  expect(suspended.errors).toBeUndefined();
  const resumed = await stack.query(`mutation($input: AgreementMeasureInput!) { resumeAgreement(input: $input) { institution { code } } }`, {
    input: { institutionCode: code, reason: '整改完成', basisDocument: '威医保协〔2026〕恢复1号' },
  });
  expect(resumed.errors).toBeUndefined();
  await stack.eventsDelivered();
  const entries = await entriesAfter(cursor, ['AGREEMENT_STATUS_CHANGED']);
  expect(
    entries.map((e: Record<string, unknown>) => [e.institution, e.previousAgreementStatus, e.agreementStatus, e.effectiveOn, e.agreementValidUntil]),
  ).toEqual([
    [{ code }, null, 'ACTIVE', '2026-01-01', '2026-12-31'],
    [{ code }, 'ACTIVE', 'SUSPENDED', TODAY, '2026-12-31'],
    [{ code }, 'SUSPENDED', 'ACTIVE', TODAY, '2026-12-31'],
  ]);
  expect((await sync(stack, jiningPartner, jining.cursor, 500)).entries.filter((e) => e.institution?.code === code)).toEqual([]);
});
