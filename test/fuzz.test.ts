import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import fc from 'fast-check';
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
} from 'graphql';
import { signToken, SubgraphName, SUBGRAPHS } from '@pq/http';
import { MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { countRows, postJson, startSeededStack, Stack, TEST_JWT_SECRET } from './harness';

// Hostile input through the gateway and straight at the subgraphs (issue #19): whatever a client
// sends, the answer is never a 5xx nor INTERNAL_SERVER_ERROR, nothing is stored, and every
// service keeps answering. Each offending request is recorded, so a failure lists them all.

const GENERATED_RUNS = 300;

let stack: Stack;
let agency: string;
const schemas = Object.fromEntries(
  SUBGRAPHS.map((name) => [name, buildSubgraphSchema({ typeDefs: parse(readFileSync(path.resolve(__dirname, `../schema/${name}.graphql`), 'utf8')) })]),
) as Record<SubgraphName, GraphQLSchema>;

beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
  agency = await stack.token({});
});
afterAll(() => stack?.stop());

interface Offence {
  target: string;
  request: string;
  status: number;
  codes: string[];
}
const offences: Offence[] = [];
let sent = 0;

/** Sends a body and records it when the answer is a server fault. */
async function send(target: string, url: string, body: unknown, token: string | undefined = agency): Promise<void> {
  sent++;
  const { status, body: answer } = await postJson(url, body, token);
  const answers = Array.isArray(answer) ? answer : [answer];
  const codes = answers.flatMap((a: any) => (a?.errors ?? []).map((e: any) => String(e?.extensions?.code)));
  if (status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    offences.push({ target, request: text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text, status, codes });
  }
}

/** An operation calling one root field with every argument as a variable, selecting only `__typename`. */
function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const declared = field.args.map((a) => `$${a.name}: ${a.type}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind}${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
}

// What a hostile client puts where a value of each kind belongs.
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('', ' ', 'a\u0000b', '\u0000', "'; drop table person; --", '%', '_', '\\', '{"$gt":""}', '../../etc/passwd', '\ud800', '😀'.repeat(300)),
  fc.integer({ min: 201, max: 20_000 }).map((n) => 'x'.repeat(n)),
);
const hostileId = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 80 }),
  fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000g', MULTI_SITE_DOCTOR, 'H37080200090', '-1', '1e308', 'a\u0000'),
);
const hostileDate = fc.oneof(
  fc.constantFrom('2026-13-01', '2026-02-30', '2026-00-10', '0000-01-01', '9999-12-31', '2026-3-1', '20260301', '2026-03-16T00:00:00Z', '', 'today'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const hostileInt = fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 2 ** 31, -(2 ** 31) - 1, 1e308, 0.5, Number.MAX_SAFE_INTEGER));
const hostileFloat = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e308, -1e308, 5e-324, 0, -0.01, 2 ** 53));
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 5 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ nested: { deep: [1, 'two'] } }),
);

/** A value for an input type, mostly of its shape, sometimes of none. */
function valueOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedValueOf(type, depth);
  return fc.oneof({ arbitrary: shaped, weight: 9 }, { arbitrary: wrongType, weight: 1 });
}

function shapedValueOf(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return shapedValueOf(type.ofType, depth);
  if (isListType(type)) return depth > 3 ? fc.constant([]) : fc.array(valueOf(type.ofType, depth + 1), { maxLength: 4 });
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, depth + 1)])), {
      requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
    });
  }
  if (isEnumType(type)) return fc.oneof(fc.constantFrom(...(type as GraphQLEnumType).getValues().map((v) => v.name)), fc.constant('NOT_A_VALUE'));
  if (isScalarType(type)) {
    switch (type.name) {
      case 'String':
        return hostileString;
      case 'ID':
        return hostileId;
      case 'Int':
        return hostileInt;
      case 'Float':
        return hostileFloat;
      case 'Boolean':
        return fc.oneof(fc.boolean(), fc.constant('true'));
      case 'Date':
        return hostileDate;
      case 'DateTime':
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('yesterday', '2026-02-30T25:00:00Z'),
        );
    }
  }
  return wrongType;
}

/** A value its type certainly refuses: too long or with a NUL, an impossible date, of the wrong type. */
function refusedValue(type: GraphQLInputType, pick: number): unknown {
  const named = getNamedType(type);
  if (isListType(isNonNullType(type) ? type.ofType : type) || isInputObjectType(named)) return pick % 2 ? 'not-an-object' : 42;
  if (isEnumType(named)) return 'NOT_A_VALUE';
  switch (named.name) {
    case 'String':
      return pick % 2 ? 'x'.repeat(10_001) : 'a\u0000b';
    case 'ID':
      return pick % 2 ? 'x'.repeat(65) : { id: 1 };
    case 'Int':
      return pick % 2 ? 2 ** 31 : 'ten';
    case 'Float':
      return pick % 2 ? 'NaN' : [];
    case 'Date':
      return pick % 2 ? '2026-02-30' : '2026-13-01';
    default:
      return { wrong: true };
  }
}

/** The scalar and enum values of a generated input with their types, where each sits. */
function leavesOf(value: unknown, type: GraphQLInputType, at: (string | number)[], out: { at: (string | number)[]; type: GraphQLInputType }[]): void {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    if (Array.isArray(value)) value.forEach((item, i) => leavesOf(item, nullable.ofType, [...at, i], out));
  } else if (isInputObjectType(nullable)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const field of Object.values(nullable.getFields()))
        if (field.name in value) leavesOf((value as Record<string, unknown>)[field.name], field.type, [...at, field.name], out);
    }
  } else out.push({ at, type });
}

/** The generated variables with one value replaced by one its type refuses, so that no generated call can succeed. */
function poisoned(field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>, pick: number): Record<string, unknown> {
  const leaves: { at: (string | number)[]; type: GraphQLInputType }[] = [];
  for (const argument of field.args) leavesOf(variables[argument.name], argument.type, [argument.name], leaves);
  const copy = structuredClone(variables);
  if (leaves.length === 0) {
    const argument = field.args[pick % field.args.length];
    copy[argument.name] = refusedValue(argument.type, pick);
    return copy;
  }
  const { at, type } = leaves[pick % leaves.length];
  let parent: any = copy;
  for (const key of at.slice(0, -1)) parent = parent[key];
  parent[at[at.length - 1]] = refusedValue(type, pick);
  return copy;
}

/** Every mutation and every query with arguments of the public API, as the gateway serves them. */
function targets(): { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown>; owner: SubgraphName }[] {
  const all = SUBGRAPHS.flatMap((name) => [
    ...Object.values(schemas[name].getMutationType()?.getFields() ?? {}).map((field) => ({ kind: 'mutation' as const, field, owner: name })),
    ...Object.values(schemas[name].getQueryType()?.getFields() ?? {})
      .filter((field) => field.args.length > 0 && !field.name.startsWith('_'))
      .map((field) => ({ kind: 'query' as const, field, owner: name })),
  ]);
  return all.sort((a, b) => `${a.kind}.${a.field.name}`.localeCompare(`${b.kind}.${b.field.name}`));
}

/**
 * The rows of every table, audit logs counting only changes: a read the fuzzer happens to form
 * correctly (a claims audit, a page of the change feed) is audited by design, and stores nothing else.
 */
async function storedRows(): Promise<Record<string, number>> {
  const counts = await countRows(stack);
  for (const name of SUBGRAPHS) {
    const mutations = Object.keys(schemas[name].getMutationType()?.getFields() ?? {});
    const [row] = await stack.services[name].orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as n from "${name}".audit_log where operation in (${mutations.map(() => '?').join(', ') || 'null'})`, mutations);
    counts[`${name}.audit_log`] = row.n;
  }
  return counts;
}

test(`the issue's hostile inputs and ${GENERATED_RUNS} generated ones: no 5xx, no INTERNAL_SERVER_ERROR, nothing stored, every service alive`, async () => {
  const started = Date.now();
  const rows = await storedRows();
  const gateway = stack.url;
  const straight = (name: SubgraphName) => stack.services[name].url;
  const both = async (name: SubgraphName, body: unknown, token?: string) => {
    await send('gateway', gateway, body, token);
    await send(name, straight(name), body, token);
  };
  const huge = 'x'.repeat(5 * 2 ** 20);
  const FILE = 'mutation ($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { id } } }';
  const appeal = (input: object) => ({
    query: FILE,
    variables: {
      input: { scoreRecordId: '00000000-0000-0000-0000-000000000000', statement: '申请复核', signedByPerson: true, stampedByInstitution: true, ...input },
    },
  });
  const REGISTER = 'mutation ($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }';
  const register = (person: object) => ({
    query: REGISTER,
    variables: {
      input: {
        institutionCode: 'H37080200090',
        people: [{ code: 'D370802000999', name: '张三', idNumber: '370802198503010011', category: 'DOCTOR', ...person }],
      },
    },
  });
  const SCORE = 'mutation ($input: RecordScoresInput!) { recordScores(input: $input) { records { id } } }';
  const scoreOf = (input: object) => ({
    query: SCORE,
    variables: {
      input: {
        decisionType: 'ADMINISTRATIVE_PENALTY',
        documentNumber: '济医保罚〔2026〕99号',
        decidedOn: '2026-03-10',
        items: [{ personCode: MULTI_SITE_DOCTOR, institutionCode: 'H37080200090', violationCode: 'N1-01', responsibility: 'MAIN' }],
        ...input,
      },
    },
  });
  const CLAIMS = 'query ($c: [ClaimInput!]!) { auditClaims(claims: $c) { checked } }';
  const claim = (line: object) => ({
    query: CLAIMS,
    variables: { c: [{ lineId: 'L1', personCode: MULTI_SITE_DOCTOR, institutionCode: 'H37080200090', serviceDate: '2026-03-01', amount: 1, ...line }] },
  });

  // The issue's hostile inputs (#19, item 6).
  for (const date of ['2026-13-01', '2026-02-30']) {
    await both('appeals', appeal({ receivedOn: date }));
    await both('scoring', scoreOf({ decidedOn: date }));
    await both('registry', claim({ serviceDate: date }));
    await send('gateway', gateway, {
      query: `{ person(code: "${MULTI_SITE_DOCTOR}") { code } paymentEligibility(personCode: "${MULTI_SITE_DOCTOR}", institutionCode: "H37080200090", on: "${date}") { __typename } }`,
    });
  }
  for (const id of ['not-a-uuid', "1' or '1'='1", '', 'a'.repeat(1000)]) {
    await both('appeals', appeal({ scoreRecordId: id }));
    await both('appeals', {
      query: 'mutation ($input: AppealStepInput!) { withdrawAppeal(input: $input) { appeal { id } } }',
      variables: { input: { appealId: id } },
    });
    await both('registry', {
      query: 'mutation ($input: CancelRegistrationInput!) { cancelRegistration(input: $input) { registration { id } } }',
      variables: { input: { registrationId: id, reason: '离职' } },
    });
  }
  await both('registry', register({ name: '张\u0000三' }));
  await both('appeals', appeal({ statement: '申\u0000诉' }));
  await both('registry', register({ name: huge }));
  await both('scoring', scoreOf({ documentNumber: huge }));
  await both('appeals', appeal({ idempotencyKey: huge }));
  await both('appeals', appeal({ statement: huge }));
  await both('registry', { query: 'query ($after: String) { persons(after: $after) { totalCount } }', variables: { after: 'c'.repeat(100 * 1024) } });
  await both('registry', { query: 'query ($after: String) { persons(after: $after) { totalCount } }', variables: { after: 'bm90LWEta2V5' } });
  await both('registry', claim({ amount: 1e308 }));
  await both('registry', claim({ amount: -1e308 }));
  // Wrong types.
  await both('registry', { query: 'query ($n: Int) { persons(first: $n) { totalCount } }', variables: { n: 'ten' } });
  await both('registry', { query: 'query ($n: Int) { persons(first: $n) { totalCount } }', variables: { n: 1e308 } });
  await both('registry', { query: 'query ($n: Int) { persons(first: $n) { totalCount } }', variables: { n: -5 } });
  await both('appeals', { query: FILE, variables: { input: [] } });
  await both('appeals', { query: FILE, variables: 'input' });
  await both('appeals', appeal({ signedByPerson: 'yes', statement: 42 }));
  await both('registry', register({ category: 'SURGEON' }));
  // Malformed bodies, to /graphql and to /events.
  const malformed = [
    '{',
    '[',
    'null',
    '"query"',
    '42',
    '{"query": 5}',
    '{"query": "{", "variables": []}',
    '{"query": "{ __typename }", "extensions": "x"}',
    '[{"query": "{ __typename }"}, 7]',
    '\u0000',
    '{"query": "query { person(code: \\"\\u0000\\") { code } }"}',
  ];
  for (const body of malformed) {
    await send('gateway', gateway, body);
    for (const name of SUBGRAPHS) await send(name, straight(name), body);
  }
  const service = await signToken(TEST_JWT_SECRET, { sub: 'service:fuzz', role: 'SERVICE' }, '5m');
  for (const body of ['{', '[]', '{"events": 5}', '{"events": [null]}', '{"events": [{"id": 1}]}', 'null']) {
    for (const name of SUBGRAPHS) await send(`${name} /events`, new URL('/events', straight(name)).toString(), body, service);
  }

  // Generated from the schema: each operation's arguments, of their types or not.
  const operations = targets();
  const generated = fc
    .tuple(fc.integer({ min: 0, max: operations.length - 1 }), fc.boolean(), fc.nat())
    .chain(([i, viaGateway, pick]) =>
      fc
        .record(Object.fromEntries(operations[i].field.args.map((a) => [a.name, valueOf(a.type)])))
        .map((variables) => ({ target: operations[i], viaGateway, variables: poisoned(operations[i].field, variables, pick) })),
    );
  await fc.assert(
    fc.asyncProperty(generated, async ({ target, viaGateway, variables }) => {
      const body = { query: operationFor(target.kind, target.field), variables };
      if (viaGateway) await send('gateway', gateway, body);
      else await send(target.owner, straight(target.owner), body);
    }),
    { numRuns: GENERATED_RUNS, seed: 19, endOnFailure: true },
  );

  const health = await Promise.all([gateway, ...SUBGRAPHS.map(straight)].map(async (url) => [url, (await fetch(new URL('/health', url))).status] as const));
  const after = await storedRows();
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `fuzz: ${sent} requests in ${seconds.toFixed(1)} s, ${offences.length} answered as server faults\n${offences.map((o) => `  ${o.status} ${o.codes.join(',')} ${o.target}: ${o.request}`).join('\n')}\n`,
  );
  expect({
    serverFaults: offences,
    rowsChanged: Object.keys(after).filter((table) => after[table] !== rows[table]),
    notAnswering: health.filter(([, status]) => status !== 200),
  }).toEqual({ serverFaults: [], rowsChanged: [], notAnswering: [] });
  expect(seconds).toBeLessThan(60);
});
