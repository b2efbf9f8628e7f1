import { MAX_PAGE_SIZE } from '@pq/graphql';
import { GATEWAY_LIMITS, INPUT_LENGTH_LIMITS, SUBGRAPH_LIMITS } from '@pq/graphql/limits';
import { MAX_BATCH_DOCUMENT_CHARS, MAX_BATCHED_OPERATIONS, MAX_DOCUMENT_CHARS, SUBGRAPHS } from '@pq/http';
import { MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { newDoctor, registerAt, score } from './fixtures';
import { countRows, postJson, startSeededStack, Stack } from './harness';

// Every door has limits (issue #19): the gateway refuses an operation beyond them, and each
// subgraph refuses it again when it is sent straight to it.

let stack: Stack;
let person: string;
beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
  person = await stack.token({ role: 'PERSON', person: MULTI_SITE_DOCTOR, region: '370802' });
});
afterAll(() => stack?.stop());

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

/** About 0.3 s on an idle machine; the issue's batch took 10 s: the bound tells them apart on a machine shared with other work. */
const REFUSED_WITHIN_MS = 4_000;

/** Runs `work` and reports how long it took and how far the heap rose above where it started (sampled every 5 ms). */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; heapRiseMb: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const started = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - started, heapRiseMb: (Math.max(peak, process.memoryUsage().heapUsed) - before) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

test(`a batch of ${MAX_BATCHED_OPERATIONS} operations × 1,000 aliases sent straight to registry with a PERSON token is refused within a second, memory flat`, async () => {
  // Each operation differs, so no parsed document is reused: the issue's batch took 10 s and 1.4 GB.
  const operation = (n: number) =>
    `{ ${Array.from({ length: 1_000 }, (_, i) => `o${n}a${i}: person(code: "${MULTI_SITE_DOCTOR}") { code name status points }`).join(' ')} }`;
  const batch = Array.from({ length: MAX_BATCHED_OPERATIONS }, (_, n) => ({ query: operation(n) }));
  const body = JSON.stringify(batch);
  const { result, ms, heapRiseMb } = await measured(() => postJson(stack.services.registry.url, body, person));
  process.stdout.write(`limits: a batch of ${(body.length / 2 ** 20).toFixed(1)} MB refused in ${ms.toFixed(0)} ms, heap +${heapRiseMb.toFixed(0)} MB\n`);
  expect([result.status, result.body.errors[0].extensions]).toEqual([400, { code: 'BAD_USER_INPUT', limit: MAX_BATCH_DOCUMENT_CHARS }]);
  expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  expect(heapRiseMb).toBeLessThan(150);

  // The most such operations a batch's size allows: each stops parsing at the token limit.
  const fitting = batch.slice(0, Math.floor(MAX_BATCH_DOCUMENT_CHARS / batch[0].query.length));
  const parsed = await measured(() => postJson(stack.services.registry.url, fitting, person));
  expect(parsed.result.status).toBe(400);
  expect(new Set(parsed.result.body.map((answer: any) => [codeOf(answer), answer.data].join()))).toEqual(new Set(['GRAPHQL_PARSE_FAILED,']));
  process.stdout.write(
    `limits: ${fitting.length} operations of ${batch[0].query.length} characters refused in ${parsed.ms.toFixed(0)} ms, heap +${parsed.heapRiseMb.toFixed(0)} MB\n`,
  );
  expect(parsed.ms).toBeLessThan(REFUSED_WITHIN_MS);
  expect(parsed.heapRiseMb).toBeLessThan(150);

  // Aliases within the token limit fail validation instead.
  const aliased = `{ ${Array.from({ length: SUBGRAPH_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: person(code: "${MULTI_SITE_DOCTOR}") { code }`).join(' ')} }`;
  const refused = await postJson(stack.services.registry.url, { query: aliased }, person);
  expect([refused.status, codeOf(refused.body), refused.body.errors[0].message]).toEqual([
    400,
    'GRAPHQL_VALIDATION_FAILED',
    expect.stringContaining(`Aliases limit of ${SUBGRAPH_LIMITS.maxAliases} exceeded`),
  ]);
  // A document over the size limit, alone, is refused before it is parsed.
  const long = await postJson(stack.services.registry.url, { query: `{ __typename ${' '.repeat(MAX_DOCUMENT_CHARS)}}` }, person);
  expect([long.status, long.body.errors[0].extensions]).toEqual([400, { code: 'BAD_USER_INPUT', limit: MAX_DOCUMENT_CHARS }]);
});

test('_entities with 100,000 representations is refused with BATCH_TOO_LARGE and the cap, memory flat', async () => {
  const representations = Array.from({ length: 100_000 }, () => ({ __typename: 'Person', code: MULTI_SITE_DOCTOR }));
  const query = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { code name status } } }';
  const { result, ms, heapRiseMb } = await measured(() => postJson(stack.services.registry.url, { query, variables: { representations } }, person));
  process.stdout.write(`limits: _entities with 100,000 representations refused in ${ms.toFixed(0)} ms, heap +${heapRiseMb.toFixed(0)} MB\n`);
  expect([result.status, result.body.errors[0].extensions, result.body.data]).toEqual([
    400,
    { code: 'BATCH_TOO_LARGE', limit: SUBGRAPH_LIMITS.maxEntities, count: 100_000 },
    undefined,
  ]);
  expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  expect(heapRiseMb).toBeLessThan(150);
  const atTheCap = await postJson(stack.services.registry.url, { query, variables: { representations: representations.slice(0, 100) } }, person);
  expect(atTheCap.body.errors).toBeUndefined();
});

test('every subgraph refuses, straight, an operation beyond its depth, alias and cost limits', async () => {
  const token = await stack.token({});
  const aliases = `{ ${Array.from({ length: SUBGRAPH_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: _service { sdl }`).join(' ')} }`;
  for (const name of SUBGRAPHS) {
    const refused = await postJson(stack.services[name].url, { query: aliases }, token);
    expect([name, refused.status, codeOf(refused.body)]).toEqual([name, 400, 'GRAPHQL_VALIDATION_FAILED']);
  }
  let deep = 'code';
  for (let i = 0; i < SUBGRAPH_LIMITS.maxDepth; i++) deep = `registrations { person { ${deep} } }`;
  const tooDeep = await postJson(stack.services.registry.url, { query: `{ person(code: "${MULTI_SITE_DOCTOR}") { ${deep} } }` }, token);
  expect([tooDeep.status, tooDeep.body.errors[0].message]).toEqual([400, expect.stringContaining(`depth limit of ${SUBGRAPH_LIMITS.maxDepth} exceeded`)]);
  // 40 pages of 500 persons, each with its registrations' institutions: 40 × 500 × (…) fields.
  const pages = Array.from(
    { length: 40 },
    (_, i) => `p${i}: persons(first: $first) { edges { node { code name registrations { status institution { code } } } } }`,
  ).join(' ');
  const costly = await postJson(stack.services.registry.url, { query: `query ($first: Int) { ${pages} }`, variables: { first: 500 } }, token);
  expect([costly.status, costly.body.errors[0].extensions]).toEqual([
    400,
    { code: 'QUERY_TOO_COSTLY', cost: expect.any(Number), limit: SUBGRAPH_LIMITS.maxCost },
  ]);
});

test('through the gateway, the cost counts page sizes given as variables: the refusal says the cost, the limit and how to page', async () => {
  // Each page: 1 + first × (edges 1 + node 85) — registrations and status history counted as 10 items each.
  const page =
    'persons(first: $first) { edges { node { code name registrations { status institution { code name agreement { status } } } statusHistory { status from } } } }';
  const query = `query ($first: Int) { shandong: ${page.replace('persons(first: $first)', 'persons(first: $first, filter: { regionPrefix: "37" })')} all: ${page} }`;
  const refused = await stack.query(query, { first: 500 });
  expect(refused.errors?.[0]).toMatchObject({
    message: expect.stringContaining('page on with after or before'),
    extensions: { code: 'QUERY_TOO_COSTLY', cost: 2 * (1 + 500 * 86), limit: GATEWAY_LIMITS.maxCost },
  });
  const literal = await stack.query(query.replace('query ($first: Int) ', '').replaceAll('first: $first', 'first: 500'));
  expect(literal.errors?.[0].extensions).toEqual(refused.errors?.[0].extensions);
  expect((await stack.query(query, { first: 50 })).errors).toBeUndefined();
});

test('a 5 MB appeal statement is refused with BAD_USER_INPUT, its field and the limit, through the gateway and straight at appeals, and not stored', async () => {
  const doctor = newDoctor('长申诉医师');
  await registerAt(stack, doctor, ['H37100200015']);
  const scored = await score(stack, `威医保罚〔2026〕限${doctor.code}号`, '2026-03-10', [
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'MAIN' },
  ]);
  await stack.eventsDelivered();
  const institution = { role: 'INSTITUTION' as const, institution: 'H37100200015', region: '371002' };
  const FILE = 'mutation ($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { id } } }';
  const input = (statement: string) => ({
    scoreRecordId: scored.data.recordScores.records[0].id,
    statement,
    signedByPerson: true,
    stampedByInstitution: true,
    idempotencyKey: `long-${doctor.code}`,
  });
  const rows = await countRows(stack);
  const huge = '申'.repeat(5 * 2 ** 20);
  const expected = { code: 'BAD_USER_INPUT', field: 'input.statement', limit: INPUT_LENGTH_LIMITS.statement, length: huge.length };
  const viaGateway = await stack.query(FILE, { input: input(huge) }, institution);
  expect([viaGateway.errors?.[0].extensions, viaGateway.data]).toEqual([expected, undefined]);
  const straight = await postJson(stack.services.appeals.url, { query: FILE, variables: { input: input(huge) } }, await stack.token(institution));
  expect([straight.status, straight.body.errors[0].extensions]).toEqual([400, expected]);
  expect(await countRows(stack)).toEqual(rows);
  // The same appeal with a statement within the limit is filed.
  expect((await stack.query(FILE, { input: input('处方合理，申请复核') }, institution)).errors).toBeUndefined();
});

test('names, document numbers, cursors and idempotency keys beyond their limits are refused the same way', async () => {
  const cases: [string, Record<string, unknown>, string, number][] = [
    ['query ($after: String) { persons(after: $after) { totalCount } }', { after: 'c'.repeat(100 * 1024) }, 'after', INPUT_LENGTH_LIMITS.after],
    [
      'mutation ($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }',
      { input: { institutionCode: 'H37100200015', people: [{ ...newDoctor('名'.repeat(101)), registeredOn: '2026-03-02' }] } },
      'input.people[0].name',
      INPUT_LENGTH_LIMITS.name,
    ],
    [
      'mutation ($input: RecordScoresInput!) { recordScores(input: $input) { records { id } } }',
      { input: { decisionType: 'ADMINISTRATIVE_PENALTY', documentNumber: '号'.repeat(101), decidedOn: '2026-03-10', items: [] } },
      'input.documentNumber',
      INPUT_LENGTH_LIMITS.documentNumber,
    ],
    [
      'mutation ($input: CancelRegistrationInput!) { cancelRegistration(input: $input) { registration { id } } }',
      { input: { registrationId: '00000000-0000-0000-0000-000000000000', reason: '离职', idempotencyKey: 'k'.repeat(5 * 2 ** 20) } },
      'input.idempotencyKey',
      INPUT_LENGTH_LIMITS.idempotencyKey,
    ],
  ];
  const rows = await countRows(stack);
  for (const [query, variables, field, limit] of cases) {
    const response = await stack.query(query, variables);
    expect([field, response.errors?.[0].extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field, limit })]);
  }
  expect(await countRows(stack)).toEqual(rows);
});

test('a claims batch of 20,000 lines: a line id beyond 64 characters in any line is refused with its path through the gateway and straight at registry; within the limits, every batch is audited', async () => {
  const AUDIT = 'query ($claims: [ClaimInput!]!) { auditClaims(claims: $claims) { checked } }';
  const claims = (batch: string, longAt?: number) =>
    Array.from({ length: 20_000 }, (_, i) => ({
      lineId: i === longAt ? 'L'.repeat(65) : `${batch}${i}`,
      personCode: 'D370802000123',
      institutionCode: 'H37080200090',
      serviceDate: '2026-03-01',
      amount: 10,
    }));
  // Accepted batches are checked by the shape of their lists emptied: one whose strings differ must not pass on an earlier one's acceptance.
  for (const batch of ['A', 'BB']) expect((await stack.query(AUDIT, { claims: claims(batch) })).data?.auditClaims.checked).toBe(20_000);
  const expected = { code: 'BAD_USER_INPUT', field: 'claims[19999].lineId', limit: 64, length: 65 };
  const viaGateway = await stack.query(AUDIT, { claims: claims('C', 19_999) });
  expect([viaGateway.errors?.[0].extensions, viaGateway.data]).toEqual([expected, undefined]);
  const straight = await postJson(stack.services.registry.url, { query: AUDIT, variables: { claims: claims('D', 19_999) } }, await stack.token({}));
  expect([straight.status, straight.body.errors[0].extensions]).toEqual([400, expected]);
});

test('a cursor that is not one of its list is INVALID_CURSOR, never a database error', async () => {
  const garbage = Buffer.from("1' or '1'='1", 'utf8').toString('base64url');
  const auditor = { role: 'ADMINISTRATION' as const, region: '' };
  for (const query of [
    'query ($after: String) { registryAuditLog(after: $after) { totalCount } }',
    'query ($after: String) { scoringAuditLog(after: $after) { totalCount } }',
    'query ($after: String) { appealQueue(after: $after) { totalCount } }',
  ]) {
    const response = await stack.query(query, { after: garbage }, query.includes('AuditLog') ? auditor : { role: 'CITY_AGENCY', region: '3710' });
    expect([query, response.errors?.[0].extensions]).toEqual([query, expect.objectContaining({ code: 'INVALID_CURSOR', field: 'after' })]);
  }
  const page = await stack.query('{ registryAuditLog(first: 1) { pageInfo { endCursor } } }', {}, auditor);
  const next = await stack.query(
    'query ($after: String) { registryAuditLog(first: 1, after: $after) { totalCount } }',
    { after: page.data.registryAuditLog.pageInfo.endCursor },
    auditor,
  );
  expect(next.errors).toBeUndefined();
});

test("the issue's example: persons(first: 200) with registrations costs the same written literally as given as a variable, and 500 as a variable costs more", async () => {
  const page = (first: string) =>
    `persons(first: ${first}) { edges { node { code registrations { status institution { code name agreement { status } } } statusHistory { status from } } } }`;
  // Three such pages: 3 × (1 + 200 × 85) is above the limit, 3 × (1 + 100 × 85) below it.
  const operation = (first: string) => `a: ${page(first)} b: ${page(first)} c: ${page(first)}`;
  const literal = await stack.query(`{ ${operation('200')} }`);
  const variable = await stack.query(`query ($first: Int) { ${operation('$first')} }`, { first: 200 });
  const expected = { code: 'QUERY_TOO_COSTLY', cost: 3 * (1 + 200 * 85), limit: GATEWAY_LIMITS.maxCost };
  expect([literal.errors?.[0].extensions, literal.data]).toEqual([expected, undefined]);
  expect([variable.errors?.[0].extensions, variable.data]).toEqual([expected, undefined]);
  const larger = await stack.query(`query ($first: Int) { ${operation('$first')} }`, { first: 500 });
  expect(larger.errors?.[0].extensions).toEqual({ ...expected, cost: 3 * (1 + 500 * 85) });
  // Paging back counts the same: last as first.
  const back = await stack.query(`query ($last: Int) { ${operation('$last').replaceAll('first: $last', 'last: $last')} }`, { last: 200 });
  expect(back.errors?.[0].extensions).toEqual(expected);
  expect((await stack.query(`query ($first: Int) { ${operation('$first')} }`, { first: 100 })).errors).toBeUndefined();
});

test(`a page above ${MAX_PAGE_SIZE} or below 0 is refused with BAD_USER_INPUT naming first or last and the maximum, not cut; 0 is an empty page`, async () => {
  const lists = [
    'persons(ARGS) { totalCount edges { node { code } } }',
    'institutions(ARGS) { totalCount edges { node { code } } }',
    'institution(code: "H37100200015") { personnel(ARGS) { totalCount edges { node { code } } } }',
    'appealQueue(ARGS) { totalCount edges { node { id } } }',
    'registryAuditLog(ARGS) { totalCount edges { node { id } } }',
  ];
  const auditor = { role: 'ADMINISTRATION' as const, region: '' };
  for (const list of lists) {
    const as = list.startsWith('registryAuditLog') ? auditor : undefined;
    for (const field of ['first', 'last']) {
      const ask = (size: number) => stack.query(`query ($size: Int) { ${list.replace('ARGS', `${field}: $size`)} }`, { size }, as);
      const above = await ask(MAX_PAGE_SIZE + 1);
      expect([list, above.errors?.[0].extensions]).toEqual([list, expect.objectContaining({ code: 'BAD_USER_INPUT', field, limit: MAX_PAGE_SIZE })]);
      expect(above.errors?.[0].message).toContain(`at most ${MAX_PAGE_SIZE}`);
      const negative = await ask(-1);
      expect([list, negative.errors?.[0].extensions]).toEqual([list, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
      const empty = await ask(0);
      expect([list, empty.errors]).toEqual([list, undefined]);
      expect(JSON.stringify(empty.data)).toContain('"edges":[]');
    }
  }
});
