import { SignJWT } from 'jose';
import { observeRequestStatements } from '@pq/data';
import { MAX_BATCHED_OPERATIONS } from '@pq/http';
import { graphqlClient } from '../scripts/src/client';
import { DEMO_PEOPLE, MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { startSeededStack, Stack, TEST_JWT_SECRET } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
});
afterAll(() => stack?.stop());

const JINING_ONLY = DEMO_PEOPLE.suspendedDoctor.code;
const weihai = { role: 'CITY_AGENCY' as const, region: '3710', sub: 'weihai-agency' };
const codeOf = (response: { errors?: any[] }) => response.errors?.[0]?.extensions?.code;
const rawQuery = (url: string, token: string | undefined, query: string, variables: object = {}) =>
  graphqlClient(url)(query, variables as Record<string, unknown>, token);
const postJson = async (url: string, body: unknown, token: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
};

describe('identity', () => {
  const sign = (claims: object, key = TEST_JWT_SECRET, alg = 'HS256', expires: string | number = '1h') =>
    new SignJWT({ region: '', ...claims })
      .setProtectedHeader({ alg })
      .setSubject('attacker')
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(new TextEncoder().encode(key));
  const attempt = async (token: string) => codeOf(await rawQuery(stack.url, token, `{ person(code: "${MULTI_SITE_DOCTOR}") { name } }`));

  test('forged, expired, wrong-algorithm, role-less and malformed tokens are refused with UNAUTHENTICATED', async () => {
    expect(await attempt(await sign({ role: 'NATIONAL_AGENCY' }, 'not-the-secret'))).toBe('UNAUTHENTICATED');
    expect(await attempt(await sign({ role: 'NATIONAL_AGENCY' }, TEST_JWT_SECRET, 'HS256', Math.floor(Date.now() / 1000) - 60))).toBe('UNAUTHENTICATED');
    expect(await attempt(await sign({ role: 'NATIONAL_AGENCY' }, TEST_JWT_SECRET, 'HS512'))).toBe('UNAUTHENTICATED');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'NATIONAL_AGENCY', region: '' })).toString('base64url')}.`;
    expect(await attempt(unsigned)).toBe('UNAUTHENTICATED');
    expect(await attempt(await sign({ role: 'SUPERUSER' }))).toBe('UNAUTHENTICATED');
    expect(await attempt('not-a-jwt')).toBe('UNAUTHENTICATED');
  });

  test('calling a subgraph directly without a token gains nothing, _entities included', async () => {
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { points activeSanction { kind } } } }`;
    const scoring = await rawQuery(stack.services.scoring.url, undefined, entities, { r: [{ __typename: 'Person', code: JINING_ONLY }] });
    expect(codeOf(scoring)).toBe('UNAUTHENTICATED');
    const registry = await rawQuery(stack.services.registry.url, undefined, `{ person(code: "${JINING_ONLY}") { name } }`);
    expect(codeOf(registry)).toBe('UNAUTHENTICATED');
    const publicCheck = await rawQuery(stack.services.registry.url, undefined, `{ publicPersonStatus(code: "${JINING_ONLY}") { status } }`);
    expect(publicCheck.data.publicPersonStatus.status).toBe('SUSPENDED');
  });
});

describe('permissions: role × operation', () => {
  const operations: Record<string, { query: string; allowed: string[] }> = {
    registerPersonnel: {
      query: `mutation { registerPersonnel(input: { institutionCode: "H37080200090", people: [] }) { registrations { id } } }`,
      allowed: ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY', 'INSTITUTION'],
    },
    recordScores: {
      query: `mutation { recordScores(input: { decisionType: AGREEMENT_HANDLING, documentNumber: "X", decidedOn: "2026-03-01", items: [] }) { records { id } } }`,
      allowed: ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY', 'ADMINISTRATION'],
    },
    importInstitutions: {
      query: `mutation { importInstitutions(input: { institutions: [] }) { institutions { code } } }`,
      allowed: ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY'],
    },
    fileAppeal: {
      query: `mutation { fileAppeal(input: { scoreRecordId: "00000000-0000-0000-0000-000000000000", statement: "x", signedByPerson: true, stampedByInstitution: true }) { appeal { id } } }`,
      allowed: ['INSTITUTION', 'PERSON'],
    },
    auditClaims: { query: `{ auditClaims(claims: []) { checked } }`, allowed: ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY', 'ADMINISTRATION'] },
    decideRestoration: {
      query: `mutation { decideRestoration(input: { applicationId: "00000000-0000-0000-0000-000000000000", approve: true }) { application { id } } }`,
      allowed: ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY'],
    },
    persons: {
      query: `{ persons(first: 1) { totalCount } }`,
      allowed: ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY', 'ADMINISTRATION', 'INSTITUTION', 'HEALTH_PARTNER', 'DRUG_PARTNER'],
    },
    registryAuditLog: { query: `{ registryAuditLog(first: 1) { totalCount } }`, allowed: ['NATIONAL_AGENCY', 'ADMINISTRATION'] },
  };
  const roles = ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY', 'ADMINISTRATION', 'INSTITUTION', 'PERSON', 'HEALTH_PARTNER', 'DRUG_PARTNER'] as const;
  const callerOf = (role: (typeof roles)[number]) => ({
    role,
    region: role === 'NATIONAL_AGENCY' ? '' : '37',
    institution: 'H37080200090',
    person: MULTI_SITE_DOCTOR,
  });

  test.each(Object.keys(operations))('%s is refused with FORBIDDEN to every role but its own', async (name) => {
    const { query, allowed } = operations[name];
    for (const role of roles) {
      const code = codeOf(await stack.query(query, {}, callerOf(role)));
      if (allowed.includes(role)) expect([role, code]).not.toEqual([role, 'FORBIDDEN']);
      else expect([role, code]).toEqual([role, 'FORBIDDEN']);
    }
  });
});

describe('row scope', () => {
  test('a city agency cannot read a person of another city, directly or through a nested path', async () => {
    expect(codeOf(await stack.query(`{ person(code: "${JINING_ONLY}") { name } }`, {}, weihai))).toBe('FORBIDDEN');
    expect(codeOf(await stack.query(`{ institution(code: "H37080200131") { name personnel { edges { node { name } } } } }`, {}, weihai))).toBe('FORBIDDEN');
    const page = await stack.query(`{ persons(first: 100) { edges { node { code } } } }`, {}, weihai);
    const codes = page.data.persons.edges.map((e: any) => e.node.code);
    expect(codes).toContain(MULTI_SITE_DOCTOR); // works at a Weihai hospital too
    expect(codes).not.toContain(JINING_ONLY);
  });

  test('direct _entities calls with a valid token are held to the same scope in every subgraph', async () => {
    const token = await stack.token(weihai);
    const person = [{ __typename: 'Person', code: JINING_ONLY }];
    const registry = await rawQuery(
      stack.services.registry.url,
      token,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name idNumberMasked } } }`,
      { r: person },
    );
    expect(codeOf(registry)).toBe('FORBIDDEN');
    const scoring = await rawQuery(stack.services.scoring.url, token, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { points } } }`, {
      r: person,
    });
    expect(codeOf(scoring)).toBe('FORBIDDEN');
    const agreements = await rawQuery(
      stack.services.agreements.url,
      token,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Institution { name } } }`,
      { r: [{ __typename: 'Institution', code: 'H37080200131' }] },
    );
    expect(codeOf(agreements)).toBe('FORBIDDEN');
    const appeals = await rawQuery(
      stack.services.appeals.url,
      token,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { openAppeals { id } } } }`,
      { r: [{ __typename: 'Person', code: MULTI_SITE_DOCTOR }] },
    );
    expect(appeals.data._entities[0].openAppeals).toEqual([]); // the doctor's open appeal is at a Jining hospital
  });

  test('registrations, score records and appeals called by key are held to the scope of where they belong', async () => {
    const national = await stack.query(
      `{ jining: person(code: "${JINING_ONLY}") { registrations { id } scoreRecords { id } } doctor: person(code: "${MULTI_SITE_DOCTOR}") { openAppeals { id } } }`,
    );
    const { registrations, scoreRecords } = national.data.jining;
    const { openAppeals } = national.data.doctor;
    expect([registrations.length, scoreRecords.length, openAppeals.length].every((n: number) => n > 0)).toBe(true);
    const token = await stack.token(weihai);
    const byKey = (url: string, typename: string, fields: string, ids: { id: string }[]) =>
      rawQuery(url, token, `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${fields} } } }`, {
        r: ids.map(({ id }) => ({ __typename: typename, id })),
      });
    expect(codeOf(await byKey(stack.services.registry.url, 'Registration', 'status', registrations))).toBe('FORBIDDEN');
    expect(codeOf(await byKey(stack.services.scoring.url, 'ScoreRecord', 'points', scoreRecords))).toBe('FORBIDDEN');
    expect(codeOf(await byKey(stack.services.appeals.url, 'Appeal', 'status', openAppeals))).toBe('FORBIDDEN');
    // The same calls with a national token read them.
    const nationalToken = await stack.token({});
    const readable = await rawQuery(
      stack.services.scoring.url,
      nationalToken,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ScoreRecord { points } } }`,
      { r: scoreRecords.map(({ id }: { id: string }) => ({ __typename: 'ScoreRecord', id })) },
    );
    expect(readable.errors).toBeUndefined();
    expect(readable.data._entities).toHaveLength(scoreRecords.length);
  });

  test("an institution reads its own staff, not another institution's, and a person only themself", async () => {
    const hospital = { role: 'INSTITUTION' as const, institution: 'H37080200090', region: '370802' };
    expect((await stack.query(`{ person(code: "${DEMO_PEOPLE.nurse.code}") { name } }`, {}, hospital)).data.person.name).toBe('刘洋');
    expect(codeOf(await stack.query(`{ person(code: "${JINING_ONLY}") { name } }`, {}, hospital))).toBe('FORBIDDEN');
    const self = { role: 'PERSON' as const, person: MULTI_SITE_DOCTOR, region: '370802' };
    expect((await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { points status } }`, {}, self)).data.person).toEqual({ points: 3, status: 'NORMAL' });
    expect(codeOf(await stack.query(`{ person(code: "${JINING_ONLY}") { points } }`, {}, self))).toBe('FORBIDDEN');
  });
});

describe('personal data and audit', () => {
  test('partners see masked data only; a full ID-number read by an agency is audited', async () => {
    const partner = { role: 'HEALTH_PARTNER' as const, region: '37', sub: 'health-commission' };
    const masked = await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { idNumberMasked phoneMasked } }`, {}, partner);
    expect(masked.data.person).toEqual({
      idNumberMasked: '370802********0038'.slice(0, 14) + DEMO_PEOPLE.multiSiteDoctor.idNumber.slice(-4),
      phoneMasked: '138****2345',
    });
    expect(codeOf(await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { idNumber } }`, {}, partner))).toBe('FORBIDDEN');

    const agency = { role: 'PROVINCIAL_AGENCY' as const, region: '37', sub: 'shandong-officer-7' };
    const full = await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { idNumber } }`, {}, agency);
    expect(full.data.person.idNumber).toBe(DEMO_PEOPLE.multiSiteDoctor.idNumber);
    const log = await stack.query(
      `query($t: String) { registryAuditLog(filter: { target: $t }) { edges { node { caller callerRole operation target } } } }`,
      { t: MULTI_SITE_DOCTOR },
      { role: 'ADMINISTRATION', region: '' },
    );
    expect(log.data.registryAuditLog.edges.map((e: any) => e.node)).toContainEqual({
      caller: 'shandong-officer-7',
      callerRole: 'PROVINCIAL_AGENCY',
      operation: 'read idNumber',
      target: MULTI_SITE_DOCTOR,
    });
  });

  test('full reads sent at once (one batch to registry) are each audited under their own request id', async () => {
    const token = await stack.token({ role: 'PROVINCIAL_AGENCY', region: '37', sub: 'batch-officer' });
    const requestIds = Array.from({ length: 6 }, (_, i) => `batched-read-${i}`);
    const read = (requestId: string) =>
      fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
        body: JSON.stringify({ query: `{ person(code: "${MULTI_SITE_DOCTOR}") { idNumber } }` }),
      }).then((response) => response.json() as Promise<any>);
    const answers = await Promise.all(requestIds.map(read));
    expect(answers.map((answer) => answer.data.person.idNumber)).toEqual(requestIds.map(() => DEMO_PEOPLE.multiSiteDoctor.idNumber));
    const log = await stack.query(
      `{ registryAuditLog(filter: { caller: "batch-officer" }) { edges { node { operation target requestId } } } }`,
      {},
      { role: 'ADMINISTRATION', region: '' },
    );
    const entries = log.data.registryAuditLog.edges.map((e: any) => e.node);
    expect(entries.map((entry: any) => entry.requestId).sort()).toEqual(requestIds);
    expect(new Set(entries.map((entry: any) => `${entry.operation} ${entry.target}`))).toEqual(new Set([`read idNumber ${MULTI_SITE_DOCTOR}`]));
  });

  test('each operation of a batch counts its own SQL statements under its own request id, as when sent alone', async () => {
    const counted = new Map<string, number>();
    observeRequestStatements((requestId, _service, statements) => counted.set(requestId, statements));
    const token = await stack.token({});
    const registry = stack.services.registry.url;
    const operations = [
      `{ person(code: "${MULTI_SITE_DOCTOR}") { idNumber } }`,
      `{ persons(first: 3, filter: { regionPrefix: "37" }) { totalCount edges { node { code } } } }`,
    ].map((query) => ({ query }));
    for (const [i, operation] of operations.entries()) await postJson(registry, operation, token, { 'x-request-id': `alone-${i}` });
    await postJson(
      registry,
      operations.map((operation, i) => ({ ...operation, extensions: { requestId: `batched-${i}` } })),
      token,
    );
    const alone = operations.map((_, i) => counted.get(`alone-${i}`));
    expect(new Set(alone).size).toBe(operations.length);
    expect(Math.min(...(alone as number[]))).toBeGreaterThan(0);
    expect(operations.map((_, i) => counted.get(`batched-${i}`))).toEqual(alone);
  });

  test('every mutation is audited with its caller and basis document', async () => {
    const log = await stack.query(
      `{ scoringAuditLog(filter: { operation: "recordScores" }) { totalCount edges { node { operation basisDocument callerRole } } } }`,
      {},
      { role: 'ADMINISTRATION', region: '' },
    );
    expect(log.data.scoringAuditLog.totalCount).toBe(2);
    expect(log.data.scoringAuditLog.edges.map((e: any) => e.node.basisDocument)).toEqual([
      expect.stringContaining('济医保罚'),
      expect.stringContaining('济医保协处'),
    ]);
  });
});

describe('protection', () => {
  test('a subgraph serves a batch (a JSON array of operations on /graphql) answering each operation as it would alone, and refuses what is not a batch', async () => {
    const token = await stack.token({});
    const post = (url: string, body: unknown, bearer = token) => postJson(url, body, bearer);
    const registry = stack.services.registry.url;
    const operations = [{ query: `{ person(code: "${MULTI_SITE_DOCTOR}") { name } }` }, { query: '{ person { nope } }' }];
    const alone = await Promise.all(operations.map((operation) => post(registry, operation)));
    expect(alone.map((answer) => answer.status)).toEqual([200, 400]);
    const batch = await post(
      registry,
      operations.map((operation, i) => ({ ...operation, extensions: { requestId: `op-${i}` } })),
    );
    expect(batch.body).toEqual(alone.map((answer) => answer.body));
    // Apollo Server answers a batch with one status, shared by its operations: here the failing one's.
    expect(batch.status).toBe(400);
    // A bad token refuses the whole batch as it refuses one operation.
    const forged = await post(registry, [operations[0]], 'not-a-token');
    expect(forged).toEqual(await post(registry, operations[0], 'not-a-token'));
    expect(forged.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const tooMany = Array.from({ length: MAX_BATCHED_OPERATIONS + 1 }, () => operations[0]);
    for (const notABatch of [{}, [], [1], [{}], [{ query: 1 }], [{ ...operations[0], extensions: { requestId: 7 } }], tooMany]) {
      expect(await post(registry, notABatch)).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
    }
    expect(
      await post(
        registry,
        Array.from({ length: MAX_BATCHED_OPERATIONS }, () => operations[0]),
      ),
    ).toMatchObject({ status: 200, body: expect.arrayContaining([{ data: { person: { name: expect.any(String) } } }]) });
  });

  test('the HTTP shell of gateway and subgraphs: events from services only (401, 403), 404 for an unknown path or method', async () => {
    const events = new URL('/events', stack.services.scoring.url).toString();
    const deliver = (authorization?: string) =>
      fetch(events, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ events: [] }),
      });
    const forged = await deliver('Bearer not-a-token');
    expect([forged.status, await forged.json()]).toEqual([401, { error: expect.stringContaining('invalid token') }]);
    expect((await deliver()).status).toBe(403);
    expect((await deliver(`Bearer ${await stack.token({})}`)).status).toBe(403);
    for (const base of [stack.url, stack.services.registry.url]) {
      expect((await fetch(new URL('/nothing-here', base))).status).toBe(404);
      expect((await fetch(new URL('/metrics', base), { method: 'POST' })).status).toBe(404);
    }
  });

  test('over-deep queries are refused before execution', async () => {
    let selection = 'code';
    for (let i = 0; i < 8; i++) selection = `registrations { person { ${selection} } }`;
    const response = await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { ${selection} } }`);
    expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('batch inputs are capped', async () => {
    const claims = Array.from({ length: 20_001 }, (_, i) => ({
      lineId: `L${i}`,
      personCode: MULTI_SITE_DOCTOR,
      institutionCode: 'H37080200090',
      serviceDate: '2026-03-01',
      amount: 1,
    }));
    expect(codeOf(await stack.query(`query($c: [ClaimInput!]!) { auditClaims(claims: $c) { checked } }`, { c: claims }))).toBe('BATCH_TOO_LARGE');
  });

  test('a request body over 20 MB is refused with 413 and a code, before it is parsed', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(21 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(codeOf((await response.json()) as { errors?: any[] })).toBe('BAD_USER_INPUT');
  });
});
