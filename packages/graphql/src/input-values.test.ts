import { buildSchema, GraphQLInputType } from 'graphql';
import { firstInputLeaf } from './input-values';

const schema = buildSchema(`
  input Item { code: ID! tags: [String!] note: String }
  input Batch { items: [Item!]! remark: String }
  type Query { batch(input: Batch!): Boolean }
`);
const batchType = schema.getQueryType()!.getFields().batch.args[0].type as GraphQLInputType;
const firstLong = (value: unknown) => firstInputLeaf(batchType, value, 'input', 'input', (leaf) => (String(leaf.value).length > 3 ? leaf.path() : undefined));

describe('firstInputLeaf', () => {
  test('names the leaf found by its path, past the lists and fields walked before it', () => {
    const items = [
      { code: 'a', tags: ['x', 'y'] },
      { code: 'b', tags: [] },
      { code: 'c', tags: ['z', 'long'], note: 'longer' },
    ];
    expect(firstLong({ items })).toBe('input.items[2].tags[1]');
    expect(firstLong({ items: items.slice(0, 2), remark: 'long' })).toBe('input.remark');
    expect(firstLong({ items: [{ code: 'a', note: 'long' }] })).toBe('input.items[0].note');
  });

  test('a single value where a list is declared is a list of one; undeclared fields are not walked', () => {
    expect(firstLong({ items: { code: 'long' } })).toBe('input.items.code');
    expect(firstLong({ items: [{ code: 'a', other: 'long' }] })).toBeUndefined();
  });
});
