import { findRows } from '@pq/kit';
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

  test('filters by lists and single values, orders, and skips the query for an empty key list', async () => {
    const em = stack.services.registry.orm.em.fork();
    const { Registration } = await import('../subgraphs/registry/src/entities/registration');
    const all = await em.find(Registration, {}, { orderBy: { registeredOn: 'asc', id: 'asc' } });
    const persons = [...new Set(all.map((r) => r.personCode))].slice(0, 3);
    const rows = await findRows(em, Registration, { personCode: persons, status: all[0].status }, { registeredOn: 'asc', id: 'asc' });
    expect(rows.map((r) => r.id)).toEqual(all.filter((r) => persons.includes(r.personCode) && r.status === all[0].status).map((r) => r.id));
    expect(await findRows(em, Registration, { personCode: [] })).toEqual([]);
  });

  test('inside a transaction it reads what the transaction wrote', async () => {
    const { Person } = await import('../subgraphs/registry/src/entities/person');
    const em = stack.services.registry.orm.em.fork();
    const [person] = await em.find(Person, {}, { limit: 1 });
    const name = person.name;
    await em.transactional(async (tx) => {
      await tx.getConnection().execute(`update registry.person set name = 'in-transaction' where code = ?`, [person.code], 'run', tx.getTransactionContext());
      const [seen] = await findRows(tx, Person, { code: [person.code] });
      expect(seen.name).toBe('in-transaction');
      throw Object.assign(new Error('roll back'), { rollback: true });
    }).catch((error) => expect(error.rollback).toBe(true));
    const [after] = await findRows(em, Person, { code: [person.code] });
    expect(after.name).toBe(name);
  });
});
