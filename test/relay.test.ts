import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PEOPLE, MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { RELAY_COMPILER, RELAY_DIR, RELAY_SCHEMA_PATH, relayOperationTexts, relaySchema } from '../scripts/src/generate-operations';
import { loadOperations } from '../scripts/src/operations';
import { newDoctor, registerAt, score } from './fixtures';
import { postJson, startSeededStack, Stack } from './harness';

// A Relay portal (issue #20): every list pages both ways with pageInfo as Relay reads it, a cursor
// is checked strictly, and persons, institutions and registrations are nodes with global ids.

let stack: Stack;
const auditor = { role: 'ADMINISTRATION' as const, region: '' };
beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
  // A second appeal besides the demo's, so the queue has two pages of one.
  const doctor = newDoctor('中继医师');
  await registerAt(stack, doctor, ['H37100200015']);
  const scored = await score(stack, '威医保罚〔2026〕中继1号', '2026-03-10', [
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'MAIN' },
  ]);
  await stack.eventsDelivered();
  const filed = await stack.query(
    'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { id } } }',
    { input: { scoreRecordId: scored.data.recordScores.records[0].id, statement: '申请复核', signedByPerson: true, stampedByInstitution: true } },
    { role: 'INSTITUTION', institution: 'H37100200015', region: '371002' },
  );
  expect(filed.errors).toBeUndefined();
});
afterAll(() => stack?.stop());

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** Each list as a Relay portal pages it: the field's path, its arguments, the key of a node, the caller. */
const LISTS: { name: string; select: (args: string) => string; path: string[]; key: string; as?: object }[] = [
  { name: 'persons', select: (args) => `persons(${args}) { edges { cursor node { code } } ${PAGE_INFO} }`, path: ['persons'], key: 'code' },
  {
    name: 'Institution.personnel',
    select: (args) => `institution(code: "H37100200015") { personnel(${args}) { edges { cursor node { code } } ${PAGE_INFO} } }`,
    path: ['institution', 'personnel'],
    key: 'code',
  },
  { name: 'institutions', select: (args) => `institutions(${args}) { edges { cursor node { code } } ${PAGE_INFO} }`, path: ['institutions'], key: 'code' },
  {
    name: 'appealQueue',
    select: (args) => `appealQueue(${args}) { edges { cursor node { id } } ${PAGE_INFO} }`,
    path: ['appealQueue'],
    key: 'id',
  },
  {
    name: 'registryAuditLog',
    select: (args) => `registryAuditLog(${args}) { edges { cursor node { id } } ${PAGE_INFO} }`,
    path: ['registryAuditLog'],
    key: 'id',
    as: auditor,
  },
];

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

async function page(list: (typeof LISTS)[number], args: string, variables: Record<string, unknown> = {}) {
  const declared = Object.keys(variables)
    .map((name) => `$${name}: ${name === 'first' || name === 'last' ? 'Int' : 'String'}`)
    .join(', ');
  const response = await stack.query(`query${declared ? `(${declared})` : ''} { ${list.select(args)} }`, variables, list.as);
  expect([list.name, response.errors]).toEqual([list.name, undefined]);
  const connection = list.path.reduce((value, field) => value[field], response.data);
  const edges: { cursor: string; node: Record<string, string> }[] = connection.edges;
  return { keys: edges.map((edge) => edge.node[list.key]), cursors: edges.map((edge) => edge.cursor), pageInfo: connection.pageInfo as PageInfo };
}

test.each(LISTS.map((list) => [list.name, list]))(
  '%s pages forward with first/after and back with last/before, the same items in the same order',
  async (_name, list) => {
    const all = await page(list, 'first: 500');
    expect(all.keys.length).toBeGreaterThanOrEqual(2);
    expect(all.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: all.cursors[0], endCursor: all.cursors.at(-1) });

    // Forward one at a time: hasPreviousPage once a cursor is given.
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const next = await page(list, 'first: 1, after: $after', { after });
      forward.push(...next.keys);
      expect(next.pageInfo).toEqual({
        hasNextPage: forward.length < all.keys.length,
        hasPreviousPage: after !== null,
        startCursor: next.cursors[0],
        endCursor: next.cursors[0],
      });
      if (!next.pageInfo.hasNextPage) break;
      after = next.pageInfo.endCursor;
    }
    expect(forward).toEqual(all.keys);

    // Back from the end two at a time: each page in list order, hasPreviousPage exact, hasNextPage once a cursor is given.
    const backward: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const previous = await page(list, 'last: 2, before: $before', { before });
      backward.unshift(previous.keys);
      const seen = backward.flat().length;
      expect(previous.pageInfo).toEqual({
        hasNextPage: before !== null,
        hasPreviousPage: seen < all.keys.length,
        startCursor: previous.cursors[0],
        endCursor: previous.cursors.at(-1),
      });
      if (!previous.pageInfo.hasPreviousPage) break;
      before = previous.pageInfo.startCursor;
    }
    expect(backward.flat()).toEqual(all.keys);
    // A page back from a cursor of the forward walk ends just before it.
    const last = await page(list, 'last: 1, before: $before', { before: all.cursors.at(-1) });
    expect(last.keys).toEqual([all.keys.at(-2)]);
  },
);

test('a cursor not of its list, or not a cursor at all, is INVALID_CURSOR naming after or before, for every list', async () => {
  const personCursor = (await page(LISTS[0], 'first: 1')).cursors[0];
  const auditCursor = (await page(LISTS[4], 'first: 1')).cursors[0];
  const garbage = [Buffer.from("1' or '1'='1", 'utf8').toString('base64url'), 'not a cursor!', ''];
  for (const list of LISTS) {
    const foreign = list.name === 'registryAuditLog' ? personCursor : auditCursor;
    for (const cursor of [...garbage, foreign]) {
      for (const field of ['after', 'before']) {
        const args = field === 'after' ? 'first: 1, after: $after' : 'last: 1, before: $before';
        const response = await stack.query(`query($${field}: String) { ${list.select(args)} }`, { [field]: cursor }, list.as);
        expect([list.name, cursor, response.errors?.[0]?.extensions]).toEqual([list.name, cursor, expect.objectContaining({ code: 'INVALID_CURSOR', field })]);
      }
    }
  }
});

test('paging one way is first with after or last with before: mixing them is refused', async () => {
  const cursor = (await page(LISTS[0], 'first: 1')).cursors[0];
  const response = await stack.query('query($after: String) { persons(last: 1, after: $after) { totalCount } }', { after: cursor });
  expect(response.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'last' }));
});

const NODE = `query($id: ID!) { node(id: $id) { __typename id
  ... on Person { code name }
  ... on Institution { code name }
  ... on Registration { status person { code } institution { code name } } } }`;

test('persons, institutions and registrations are nodes: node(id) fetches each again by its id', async () => {
  const found = await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { id code name registrations { id status } }
    institution(code: "H37100200015") { id code name } }`);
  expect(found.errors).toBeUndefined();
  const { person, institution } = found.data;
  expect(person.id).toBe(Buffer.from(`Person:${MULTI_SITE_DOCTOR}`).toString('base64url'));

  const asPerson = await stack.query(NODE, { id: person.id });
  expect(asPerson).toEqual({ data: { node: { __typename: 'Person', id: person.id, code: MULTI_SITE_DOCTOR, name: person.name } } });
  const asInstitution = await stack.query(NODE, { id: institution.id });
  expect(asInstitution).toEqual({ data: { node: { __typename: 'Institution', ...institution } } });
  const registration = person.registrations[0];
  const asRegistration = await stack.query(NODE, { id: registration.id });
  expect(asRegistration.errors).toBeUndefined();
  expect(asRegistration.data.node).toMatchObject({
    __typename: 'Registration',
    id: registration.id,
    status: registration.status,
    person: { code: MULTI_SITE_DOCTOR },
  });

  // The id a list's node carries is the same.
  const listed = await stack.query('{ persons(first: 500) { edges { node { id code } } } }');
  expect(listed.data.persons.edges.find((edge: { node: { code: string } }) => edge.node.code === MULTI_SITE_DOCTOR).node.id).toBe(person.id);
});

test('node(id): an unknown id is null, a malformed one BAD_USER_INPUT, a person outside the scope refused as person(code) is', async () => {
  for (const unknown of [
    Buffer.from('Person:D370802999999').toString('base64url'),
    Buffer.from('Institution:H37080299999').toString('base64url'),
    '00000000-0000-4000-8000-000000000000',
  ]) {
    expect([unknown, await stack.query(NODE, { id: unknown })]).toEqual([unknown, { data: { node: null } }]);
  }
  for (const malformed of ['nonsense', Buffer.from('Appeal:x').toString('base64url'), Buffer.from('Person:').toString('base64url')]) {
    const response = await stack.query(NODE, { id: malformed });
    expect([malformed, response.errors?.[0]?.extensions]).toEqual([malformed, expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'id' })]);
  }
  const otherPerson = { role: 'PERSON' as const, person: DEMO_PEOPLE.nurse.code, region: '370802' };
  const viaPerson = await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { code } }`, {}, otherPerson);
  const viaNode = await stack.query(NODE, { id: Buffer.from(`Person:${MULTI_SITE_DOCTOR}`).toString('base64url') }, otherPerson);
  expect(viaPerson.errors?.[0]?.extensions?.code).toBeDefined();
  expect(viaNode.errors?.[0]?.extensions).toEqual(viaPerson.errors?.[0]?.extensions);
  expect(viaNode.data?.node ?? null).toBeNull();
});

test('relay-compiler accepts the Relay personnel list against the client schema, its artifacts are up to date and its queries persisted', () => {
  const supergraph = readFileSync(path.resolve(__dirname, '../schema/supergraph.graphql'), 'utf8');
  expect(readFileSync(RELAY_SCHEMA_PATH, 'utf8')).toBe(relaySchema(supergraph));
  // --validate: exits non-zero when a source is rejected or a committed artifact differs from what it would write.
  const run = () => execFileSync(RELAY_COMPILER, ['--validate'], { cwd: RELAY_DIR, stdio: 'pipe' }).toString();
  expect(run).not.toThrow();
  const texts = relayOperationTexts();
  expect(Object.keys(texts).sort()).toEqual(['InstitutionPersonnelPaginationQuery', 'InstitutionPersonnelQuery']);
  const persisted = loadOperations();
  for (const [name, text] of Object.entries(texts)) expect([name, persisted[name]]).toEqual([name, text]);
});

test("the Relay list's own queries page an institution's personnel through the gateway: forward, then back with loadPrevious's variables", async () => {
  const { InstitutionPersonnelQuery: first, InstitutionPersonnelPaginationQuery: more } = relayOperationTexts();
  const institution = (await stack.query('{ institution(code: "H37100200015") { id personnel(first: 500) { edges { node { code } } } } }')).data.institution;
  const codes = institution.personnel.edges.map((edge: { node: { code: string } }) => edge.node.code);
  expect(codes.length).toBeGreaterThanOrEqual(2);
  const opened = await stack.query(first, { id: institution.id });
  expect(opened.errors).toBeUndefined();
  expect(opened.data.node).toMatchObject({ __typename: 'Institution', code: 'H37100200015', id: institution.id });
  expect(opened.data.node.personnel.edges.map((edge: { node: { code: string } }) => edge.node.code)).toEqual(codes.slice(0, 20));
  // What usePaginationFragment sends: loadNext from the end cursor, loadPrevious from the start cursor, the other direction null.
  const next = await stack.query(more, { id: institution.id, first: 1, after: opened.data.node.personnel.edges[0].cursor, last: null, before: null });
  expect(next.errors).toBeUndefined();
  expect(next.data.node.personnel.edges.map((edge: { node: { code: string } }) => edge.node.code)).toEqual([codes[1]]);
  const previous = await stack.query(more, { id: institution.id, first: null, after: null, last: 1, before: next.data.node.personnel.pageInfo.startCursor });
  expect(previous.errors).toBeUndefined();
  expect(previous.data.node.personnel).toMatchObject({
    edges: [{ node: { code: codes[0] } }],
    pageInfo: { hasPreviousPage: false, hasNextPage: true },
  });
});

test("a bad cursor under the Relay list's nullable node(id:) is still HTTP 400 INVALID_CURSOR, never a 200 with an empty node", async () => {
  const { InstitutionPersonnelPaginationQuery: more } = relayOperationTexts();
  const { id } = (await stack.query('{ institution(code: "H37100200015") { id } }')).data.institution;
  const answer = await postJson(
    stack.url,
    { query: more, variables: { id, first: 1, after: 'not a cursor!', last: null, before: null } },
    await stack.token({}),
  );
  expect(answer.body.data).toEqual({ node: null });
  expect(answer.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'INVALID_CURSOR', field: 'after' }));
  expect(answer.status).toBe(400);
});
