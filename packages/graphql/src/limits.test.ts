import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { INPUT_LENGTH_LIMITS, operationLimits } from './limits';

jest.mock('graphql-query-complexity', () => {
  const actual = jest.requireActual('graphql-query-complexity');
  return { ...actual, getComplexity: jest.fn(actual.getComplexity) };
});
const walks = getComplexity as jest.MockedFunction<typeof getComplexity>;

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    persons(first: Int, after: String): [Person!]!
    person(code: ID!): Person
    personnel(first: Int): PersonConnection!
    audit(lines: [Line!]!): Int
    tag(items: [Tagged!]!): Int
    pairs(items: [Pair!]!): Int
    rings(items: [Ring!]!): Int
  }
  input Line { lineId: ID! remark: String }
  input Tagged { code: ID! label: String = "${'l'.repeat(201)}" }
  input Pair { ring: Ring label: String = "${'l'.repeat(201)}" }
  input Ring { pair: Pair code: ID }
  type PersonConnection { edges: [PersonEdge!]! totalCount: Int! }
  type PersonEdge { cursor: String! node: Person! }
  type Person @key(fields: "code") { code: ID! name: String! colleagues: [Person!]! }
  type Mutation { fileAppeal(input: FileAppealInput!): Boolean }
  input FileAppealInput { scoreRecordId: ID! statement: String! idempotencyKey: String remark: String }
`);
const person = (code: string) => ({ code, name: 'x', colleagues: [] });
const resolvers = {
  Query: {
    audit: () => 0,
    tag: () => 0,
    pairs: () => 0,
    rings: () => 0,
    persons: () => [],
    personnel: () => ({ edges: [], totalCount: 0 }),
    person: (_: unknown, { code }: { code: string }) => person(code),
  },
  Person: { __resolveReference: ({ code }: { code: string }) => person(code) },
  Mutation: { fileAppeal: () => true },
};

describe('operation limits (the same at the gateway and at every subgraph)', () => {
  const limits = operationLimits({ maxDepth: 3, maxAliases: 2, maxCost: 1_000, maxTokens: 200, maxEntities: 5 });
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    plugins: [limits.plugin, ApolloServerPluginInlineTraceDisabled()],
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const { body, http } = await server.executeOperation({ query, variables });
    const result = body.kind === 'single' ? body.singleResult : undefined;
    return { status: http.status ?? 200, errors: result?.errors, data: result?.data };
  };

  test('the cost counts a page size given as a variable as one written in the document', async () => {
    const literal = await run('{ persons(first: 100) { code name colleagues { code } } }');
    const variable = await run('query ($n: Int) { persons(first: $n) { code name colleagues { code } } }', { n: 100 });
    const expected = { code: 'QUERY_TOO_COSTLY', cost: 1 + 100 * (1 + 1 + (1 + 10 * 1)), limit: 1_000 };
    expect([literal.status, literal.errors?.[0].extensions]).toEqual([400, expected]);
    expect([variable.status, variable.errors?.[0].extensions]).toEqual([400, expected]);
    expect((await run('query ($n: Int) { persons(first: $n) { code name colleagues { code } } }', { n: 20 })).errors).toBeUndefined();
  });

  test('a page size beyond what a connection serves costs what it serves', async () => {
    // persons(first: 10000) serves 500: 1 + 500 × 1 = 501.
    expect((await run('{ persons(first: 10000) { code } }')).errors).toBeUndefined();
  });

  test('the edges of a connection are its page, counted once', async () => {
    // 1 + 300 × (edges 1 + cursor 1 + totalCount 1) = 901; were edges counted as a list too, 1 + 300 × (1 + 10 + 1).
    expect((await run('{ personnel(first: 300) { edges { cursor } totalCount } }')).errors).toBeUndefined();
    expect((await run('{ personnel(first: 500) { edges { cursor } totalCount } }')).errors?.[0].extensions).toEqual({
      code: 'QUERY_TOO_COSTLY',
      cost: 1501,
      limit: 1_000,
    });
  });

  test("a string longer than its field's limit is refused with BAD_USER_INPUT, the field path and the limit", async () => {
    const statement = 'x'.repeat(INPUT_LENGTH_LIMITS.statement + 1);
    const byVariable = await run('mutation ($input: FileAppealInput!) { fileAppeal(input: $input) }', { input: { scoreRecordId: 'a', statement } });
    expect([byVariable.status, byVariable.errors?.[0].extensions, byVariable.data]).toEqual([
      400,
      { code: 'BAD_USER_INPUT', field: 'input.statement', limit: 10_000, length: 10_001 },
      undefined,
    ]);
    const key = await run('mutation ($input: FileAppealInput!) { fileAppeal(input: $input) }', {
      input: { scoreRecordId: 'a', statement: 'ok', idempotencyKey: 'k'.repeat(129) },
    });
    expect(key.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey', limit: 128 });
    expect((await run(`{ persons(after: "${'c'.repeat(513)}") { code } }`)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
      limit: 512,
    });
  });

  test('a string field without its own limit takes the default: 200 for a String, 64 for an ID', async () => {
    const run1 = (input: object) =>
      run('mutation ($input: FileAppealInput!) { fileAppeal(input: $input) }', { input: { scoreRecordId: 'a', statement: 'ok', ...input } });
    expect((await run1({ remark: 'r'.repeat(200) })).errors).toBeUndefined();
    expect((await run1({ remark: 'r'.repeat(201) })).errors?.[0].extensions).toMatchObject({ field: 'input.remark', limit: 200 });
    expect((await run1({ scoreRecordId: 'i'.repeat(65) })).errors?.[0].extensions).toMatchObject({ field: 'input.scoreRecordId', limit: 64 });
  });

  test('depth and aliases beyond the limits fail validation; a document beyond the token limit is not parsed', async () => {
    const deep = await run('{ person(code: "a") { colleagues { colleagues { colleagues { code } } } } }');
    expect([deep.status, deep.errors?.[0].message]).toEqual([400, expect.stringContaining('depth limit of 3 exceeded')]);
    const aliased = await run('{ a: person(code: "a") { code } b: person(code: "b") { code } c: person(code: "c") { code } }');
    expect([aliased.status, aliased.errors?.[0].message]).toEqual([400, expect.stringContaining('Aliases limit of 2 exceeded')]);
    const long = await run(`{ ${Array.from({ length: 300 }, () => '__typename').join(' ')} }`);
    expect([long.status, long.errors?.[0].extensions?.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
  });

  test('_entities takes at most the cap of representations, and each costs its selection', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { code } } }';
    const representations = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Person', code: `P${i}` }));
    expect((await run(query, { r: representations(5) })).errors).toBeUndefined();
    const refused = await run(query, { r: representations(6) });
    expect([refused.status, refused.errors?.[0].extensions]).toEqual([400, { code: 'BATCH_TOO_LARGE', limit: 5, count: 6 }]);
  });

  test('a fragment bomb (fragments spread into each other) is refused as too costly', async () => {
    const fragments = Array.from({ length: 8 }, (_, i) => `fragment F${i} on Person { ...F${i + 1} ...F${i + 1} ...F${i + 1} ...F${i + 1} }`).join(' ');
    const bomb = await run(`{ person(code: "a") { ...F0 } } ${fragments} fragment F8 on Person { code }`);
    expect(bomb.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  test('an accepted operation is walked once per shape of its variables; refusals and variables that do not coerce are walked every time', async () => {
    const query = 'query Page($n: Int, $after: String) { persons(first: $n, after: $after) { code colleagues { code } } }';
    const walked = async (variables: Record<string, unknown>) => {
      walks.mockClear();
      const { errors } = await run(query, variables);
      return [walks.mock.calls.length, errors?.[0].extensions?.code];
    };
    expect(await walked({ n: 10, after: 'abc' })).toEqual([1, undefined]);
    // Another cursor of the same length, another page of the same size: the same shape.
    expect(await walked({ n: 10, after: 'xyz' })).toEqual([0, undefined]);
    expect(await walked({ after: 'xyz', n: 10 })).toEqual([1, undefined]);
    // What the limits read changes the shape: a larger page, a longer string, a string for a number.
    expect(await walked({ n: 90, after: 'abc' })).toEqual([1, 'QUERY_TOO_COSTLY']);
    expect(await walked({ n: 90, after: 'abc' })).toEqual([1, 'QUERY_TOO_COSTLY']);
    expect(await walked({ n: 10, after: 'x'.repeat(INPUT_LENGTH_LIMITS.after + 1) })).toEqual([1, 'BAD_USER_INPUT']);
    expect(await walked({ n: 10, after: 'x'.repeat(INPUT_LENGTH_LIMITS.after + 1) })).toEqual([1, 'BAD_USER_INPUT']);
    expect(await walked({ n: '10', after: 'abc' })).toEqual([1, 'BAD_USER_INPUT']);
    expect(await walked({ n: '10', after: 'abc' })).toEqual([1, 'BAD_USER_INPUT']);
    expect(await walked({ n: 10, after: 'abc' })).toEqual([0, undefined]);

    // Representations count by their number: the next persons of a page are the same shape.
    const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { code colleagues { code } } } }';
    const persons = (codes: string[]) => ({ r: codes.map((code) => ({ __typename: 'Person', code })) });
    walks.mockClear();
    await run(entities, persons(['a', 'b', 'c']));
    await run(entities, persons(['dd', 'eeeeeeeeeeeeeeee', 'f']));
    expect(walks).toHaveBeenCalledTimes(1);
    await run(entities, persons(['a', 'b']));
    await run(entities, { r: { __typename: 'Person', code: 'a' } });
    expect(walks).toHaveBeenCalledTimes(3);
  });

  test('variables that do not coerce are left to execution, which refuses them itself', async () => {
    const { status, errors } = await run('query ($n: Int) { persons(first: $n) { code } }', { n: 'many' });
    expect([status, errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  describe('variables too large for a shape (a claims batch)', () => {
    const lines = (n: number, line: (i: number) => object = () => ({})) => Array.from({ length: n }, (_, i) => ({ lineId: `L${i}`, ...line(i) }));
    const audit = 'query Audit($lines: [Line!]!, $n: Int) { audit(lines: $lines) persons(first: $n) { code colleagues { code } } }';
    const walked = async (query: string, variables: Record<string, unknown>) => {
      walks.mockClear();
      const { status, errors } = await run(query, variables);
      return [walks.mock.calls.length, status, errors?.[0].extensions];
    };

    test('are accepted by the shape of their lists emptied once their strings are within their limits', async () => {
      expect(await walked(audit, { lines: lines(6_000), n: 10 })).toEqual([1, 200, undefined]);
      expect(await walked(audit, { lines: lines(7_000, (i) => ({ remark: `r${i}` })), n: 10 })).toEqual([0, 200, undefined]);
      // A larger page changes the cost, and is refused as the full check refuses it.
      expect(await walked(audit, { lines: lines(6_000), n: 90 })).toEqual([
        2,
        400,
        { code: 'QUERY_TOO_COSTLY', cost: 1 + 1 + 90 * (1 + 1 + 10), limit: 1_000 },
      ]);
    });

    test('a string beyond its limit anywhere in them is refused by the full check, naming its line', async () => {
      const remark = await walked(audit, { lines: lines(6_000, (i) => (i === 5_500 ? { remark: 'x'.repeat(201) } : {})), n: 10 });
      expect(remark).toEqual([1, 400, { code: 'BAD_USER_INPUT', field: 'lines[5500].remark', limit: 200, length: 201 }]);
      const id = await walked(audit, { lines: lines(6_000, (i) => (i === 5_999 ? { lineId: 'i'.repeat(65) } : {})), n: 10 });
      expect(id).toEqual([1, 400, { code: 'BAD_USER_INPUT', field: 'lines[5999].lineId', limit: 64, length: 65 }]);
    });

    test('lines that do not coerce are left to execution, which refuses them itself', async () => {
      const [, status, extensions] = await walked(audit, { lines: lines(6_000, (i) => (i === 3 ? { lineId: { nested: true } } : {})), n: 10 });
      expect([status, extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
      expect((await run(audit, { lines: [...lines(6_000), null], n: 10 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    test('a type whose coercion adds a string default is checked in full every time', async () => {
      const tag = 'query ($items: [Tagged!]!) { tag(items: $items) }';
      const items = (label: boolean) => Array.from({ length: 6_000 }, (_, i) => ({ code: `C${i}`, ...(label ? { label: 'ok' } : {}) }));
      expect(await walked(tag, { items: items(true) })).toEqual([1, 200, undefined]);
      expect(await walked(tag, { items: items(false) })).toEqual([1, 400, { code: 'BAD_USER_INPUT', field: 'items[0].label', limit: 200, length: 201 }]);
    });

    test('so is a type that reaches such a default through a recursive type read before it', async () => {
      // Pair is read first: Ring, read inside it, reaches Pair's default only through Pair, whose fields were still being read.
      const pairs = Array.from({ length: 6_000 }, () => ({ label: 'ok' }));
      expect(await walked('query ($items: [Pair!]!) { pairs(items: $items) }', { items: pairs })).toEqual([1, 200, undefined]);
      const rings = Array.from({ length: 6_000 }, (_, i) => ({ code: `R${i}`, pair: { label: 'ok' } }));
      expect(await walked('query ($items: [Ring!]!) { rings(items: $items) }', { items: rings })).toEqual([1, 200, undefined]);
      rings[0] = { code: 'R0', pair: {} } as (typeof rings)[number];
      expect(await walked('query ($items: [Ring!]!) { rings(items: $items) }', { items: rings })).toEqual([
        1,
        400,
        { code: 'BAD_USER_INPUT', field: 'items[0].pair.label', limit: 200, length: 201 },
      ]);
    });
  });
});
