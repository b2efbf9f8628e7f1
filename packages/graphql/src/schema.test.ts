import 'reflect-metadata';
import { Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { execute, GraphQLResolveInfo, GraphQLSchema, parse } from 'graphql';
import { buildFederatedSchema } from './schema';

@Directive('@key(fields: "code")')
@ObjectType({ description: '人员 — a person' })
class Person {
  @Field(() => ID, { description: '代码 — code' })
  code!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: '申诉 — an appeal' })
class Appeal {
  @Field(() => ID, { description: '编号 — id' })
  id!: string;
}

@Resolver()
class Queries {
  @Query(() => Boolean, { description: '存活 — alive' })
  alive(): boolean {
    return true;
  }
}

describe('_entities of a subgraph built by buildFederatedSchema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildFederatedSchema(
      { resolvers: [Queries], orphanedTypes: [Person, Appeal] },
      {
        // Known from the key alone, as appeals knows a person.
        Person: { __resolveReference: (reference: { code: string }) => ({ code: reference.code }) },
        // Loaded later, as from a DataLoader; a missing one is null, a refused one an error.
        Appeal: {
          __resolveReference: async (reference: { id: string }) => {
            if (reference.id === 'refused') throw new Error('FORBIDDEN');
            return reference.id === 'missing' ? null : { id: reference.id, __typename: 'Appeal' };
          },
        },
      },
    );
  });

  test('a reference resolved at once is answered as a value, not a promise; one loaded later as one promise', async () => {
    const resolve = schema.getQueryType()!.getFields()._entities.resolve!;
    const representations = [
      { __typename: 'Person', code: 'P1' },
      { __typename: 'Appeal', id: 'A1' },
    ];
    const [person, appeal] = resolve(undefined, { representations }, {}, { schema } as GraphQLResolveInfo) as unknown[];
    expect(person).toEqual({ code: 'P1' });
    expect((person as { __typename: string }).__typename).toBe('Person');
    expect(appeal).toBeInstanceOf(Promise);
    expect(await appeal).toEqual({ id: 'A1', __typename: 'Appeal' });
  });

  test('through execution: each representation in order, a missing one null, a refused one an error at its own index', async () => {
    const result = await execute({
      schema,
      document: parse(`query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Person { code } ... on Appeal { id } } }`),
      variableValues: {
        r: [
          { __typename: 'Appeal', id: 'A1' },
          { __typename: 'Person', code: 'P1' },
          { __typename: 'Appeal', id: 'missing' },
          { __typename: 'Appeal', id: 'refused' },
        ],
      },
    });
    expect(result.data?._entities).toEqual([{ __typename: 'Appeal', id: 'A1' }, { __typename: 'Person', code: 'P1' }, null, null]);
    expect(result.errors?.map((error) => [error.message, error.path])).toEqual([['FORBIDDEN', ['_entities', 3]]]);
  });

  test('an unknown type is refused as @apollo/subgraph refuses it', async () => {
    const result = await execute({
      schema,
      document: parse(`query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`),
      variableValues: { r: [{ __typename: 'Nobody', id: 'x' }] },
    });
    expect(result.errors?.[0].message).toMatch(/no object or interface type of that name/);
  });
});
