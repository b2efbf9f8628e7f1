import { findRows, requestStatements } from '@pq/data';
import { startSeededStack, Stack } from './harness';

let stack: Stack;

beforeAll(async () => {
  stack = await startSeededStack();
});
afterAll(() => stack?.stop());

const SUBGRAPHS = ['registry', 'scoring', 'agreements', 'appeals'] as const;

/** The persisted scalar properties of an entity, as a plain object. */
const scalars = (props: { name: string; kind: string; persist?: boolean }[], row: object) =>
  Object.fromEntries(props.filter((p) => p.kind === 'scalar' && p.persist !== false).map((p) => [p.name, (row as Record<string, unknown>)[p.name]]));

describe('findRows, the loaders’ read path, reads what em.find reads', () => {
  test.each(SUBGRAPHS)('every entity of %s: same rows, same values, same types, same class', async (name) => {
    const orm = stack.services[name].orm;
    let compared = 0;
    for (const meta of Object.values(orm.getMetadata().getAll())) {
      if (!meta.class || meta.embeddable || meta.virtual) continue;
      const em = orm.em.fork();
      const orderBy = Object.fromEntries(meta.primaryKeys.map((key) => [key, 'asc' as const]));
      const viaOrm = await em.find(meta.class, {}, { orderBy: orderBy as never });
      const viaRows = await findRows(em, meta.class as new () => object, {}, orderBy as never);
      expect(viaRows.map((row) => scalars(meta.props, row))).toEqual(viaOrm.map((row) => scalars(meta.props, row as object)));
      for (const row of viaRows) expect(row).toBeInstanceOf(meta.class);
      compared += viaRows.length;
    }
    // The seeded demo leaves rows in each subgraph, so the comparison is not vacuous.
    expect(compared).toBeGreaterThan(5);
  });

  test('an instance holds its columns as plain own properties, never as MikroORM-managed accessors', async () => {
    const { Person } = await import('../subgraphs/registry/src/entities/person');
    const [person] = await findRows(stack.services.registry.orm.em.fork(), Person, {}, { code: 'asc' });
    // MikroORM's prototype setters would give the instance accessors over an entity helper of its own (the CPU of a large read).
    expect(Object.getOwnPropertyDescriptor(person, 'name')).toEqual({ value: person.name, writable: true, enumerable: true, configurable: true });
    expect(Object.getOwnPropertyNames(person)).not.toContain('__helper');
  });

  test('filters by lists and single values, orders, and skips the query for an empty key list', async () => {
    const em = stack.services.registry.orm.em.fork();
    const { Registration } = await import('../subgraphs/registry/src/entities/registration');
    const all = await em.find(Registration, {}, { orderBy: { registeredOn: 'asc', id: 'asc' } });
    const persons = [...new Set(all.map((r) => r.personCode))].slice(0, 3);
    const rows = await findRows(em, Registration, { personCode: persons, status: all[0].status }, { registeredOn: 'asc', id: 'asc' });
    expect(rows.map((r) => r.id)).toEqual(all.filter((r) => persons.includes(r.personCode) && r.status === all[0].status).map((r) => r.id));
    expect(await findRows(em, Registration, { personCode: [] })).toEqual([]);
  });

  test('inside a transaction it reads what the transaction wrote, never merged with reads outside it', async () => {
    const { Person } = await import('../subgraphs/registry/src/entities/person');
    const em = stack.services.registry.orm.em.fork();
    const [person] = await em.find(Person, {}, { limit: 1 });
    const name = person.name;
    await em
      .transactional(async (tx) => {
        await tx.getConnection().execute(`update registry.person set name = 'in-transaction' where code = ?`, [person.code], 'run', tx.getTransactionContext());
        // Asked in the same turn: merged, both would read one of the two answers.
        const [[seen], [outside]] = await Promise.all([findRows(tx, Person, { code: [person.code] }), findRows(em.fork(), Person, { code: [person.code] })]);
        expect(seen.name).toBe('in-transaction');
        expect(outside.name).toBe(name);
        throw Object.assign(new Error('roll back'), { rollback: true });
      })
      .catch((error) => expect(error.rollback).toBe(true));
    const [after] = await findRows(em, Person, { code: [person.code] });
    expect(after.name).toBe(name);
  });
});

describe('reads of concurrent requests are merged (coalescedRead)', () => {
  /** Runs `read` as one request would: in its own async context, with its own statement counter. */
  const asRequest = async <T>(read: () => Promise<T>) => {
    const counter = { count: 0 };
    const result = await requestStatements.run(counter, read);
    return { result, statements: counter.count };
  };

  test('the same read of several requests in one turn is one statement; each request gets its own rows, as its own instances', async () => {
    const { Registration } = await import('../subgraphs/registry/src/entities/registration');
    const orm = stack.services.registry.orm;
    const persons = [...new Set((await orm.em.fork().find(Registration, {}, { orderBy: { personCode: 'asc' } })).map((r) => r.personCode))].slice(0, 4);
    const order = { registeredOn: 'asc', id: 'asc' } as const;
    const filters = [
      { personCode: [persons[0], persons[1]] },
      { personCode: [persons[1]] },
      { personCode: [persons[2], persons[3]] },
      { personCode: [persons[3]], status: 'NORMAL' },
    ] as const;
    // One after the other, each read is its own statement: what each request should get.
    const alone = [];
    for (const where of filters) alone.push(await asRequest(() => findRows(orm.em.fork(), Registration, { ...where }, order)));
    expect(alone.map((read) => read.statements)).toEqual([1, 1, 1, 1]);

    const together = await Promise.all(filters.map((where) => asRequest(() => findRows(orm.em.fork(), Registration, { ...where }, order))));
    expect(together.map((read) => read.result)).toEqual(alone.map((read) => read.result));
    expect(together[0].result.length).toBeGreaterThan(together[1].result.length);
    // The first three share a statement; the fourth has a single value of its own (status), so its own statement.
    expect(together.map((read) => read.statements)).toEqual([1, 0, 0, 1]);
    // Person 1's registrations reached two requests: no object is shared between them.
    const shared = together[1].result[0];
    expect(together[0].result.find((r) => r.id === shared.id)).not.toBe(shared);
  });

  test('personnel pages and their counts that requests ask in one turn are read together; each request gets its pages as read alone, as its own instances', async () => {
    const { personnelPagesLoader } = await import('../subgraphs/registry/src/loaders/personnel-pages.loader');
    const { personnelCountsLoader } = await import('../subgraphs/registry/src/loaders/personnel-counts.loader');
    const orm = stack.services.registry.orm;
    const page = (institutionCode: string) => ({ institutionCode, status: null, limit: 3, after: '' });
    const asks = [['H37080200090', 'H37100200015'], ['H37080200090'], ['H37100200015', 'H37080200131']];
    const read = (codes: string[]) => {
      const em = orm.em.fork();
      const [pages, counts] = [personnelPagesLoader(em), personnelCountsLoader(em)];
      return Promise.all(
        codes.map(async (code) => ({ persons: await pages.load(page(code)), count: await counts.load({ institutionCode: code, status: null }) })),
      );
    };
    const alone = [];
    for (const codes of asks) alone.push(await asRequest(() => read(codes)));
    expect(alone.map((ask) => ask.statements)).toEqual([2, 2, 2]);
    expect(alone[0].result[0].persons.length).toBeGreaterThan(1);

    const together = await Promise.all(asks.map((codes) => asRequest(() => read(codes))));
    expect(together.map((ask) => ask.result)).toEqual(alone.map((ask) => ask.result));
    // The three institutions' pages in three statements sent at once (up to four), their counts in one; counted with the first request.
    expect(together.map((ask) => ask.statements)).toEqual([4, 0, 0]);
    // H37080200090's page reached two requests: no person object is shared between them.
    expect(together[1].result[0].persons[0]).not.toBe(together[0].result[0].persons[0]);
  });

  test('coalescedKeys: the keys of a turn each read once, in up to `statements` statements at once; each caller gets its own answers in order', async () => {
    const { coalescedKeys } = await import('@pq/data');
    const em = stack.services.registry.orm.em.fork();
    const reads: string[][] = [];
    const readMany = async (_: unknown, keys: string[]) => {
      reads.push(keys);
      return keys.map((key) => `answer ${key}`);
    };
    const asks = [['a', 'b'], ['b'], ['c', 'd'], ['e'], ['f', 'a'], ['g']];
    const answers = await Promise.all(asks.map((keys) => coalescedKeys(em, 'test', keys, (key) => key, readMany, { statements: 4 })));
    expect(answers).toEqual(asks.map((keys) => keys.map((key) => `answer ${key}`)));
    expect(reads).toHaveLength(4);
    expect(reads.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    reads.length = 0;
    // One request alone, however many keys: one read.
    await coalescedKeys(em, 'test', ['a', 'b', 'c', 'd', 'e'], (key) => key, readMany, { statements: 4 });
    expect(reads).toEqual([['a', 'b', 'c', 'd', 'e']]);
  });

  test("one request's malformed key fails that request alone", async () => {
    const { Appeal } = await import('../subgraphs/appeals/src/entities/appeal');
    const orm = stack.services.appeals.orm;
    const [appeal] = await orm.em.fork().find(Appeal, {}, { limit: 1 });
    const [bad, good] = await Promise.allSettled([
      findRows(orm.em.fork(), Appeal, { id: ['not-a-uuid'] }),
      findRows(orm.em.fork(), Appeal, { id: [appeal.id] }),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good).toEqual({ status: 'fulfilled', value: [expect.objectContaining({ id: appeal.id })] });
  });
});
