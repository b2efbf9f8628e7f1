import 'reflect-metadata';
import { createHook } from 'node:async_hooks';
import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { execute, GraphQLResolveInfo, GraphQLSchema, parse, responsePathAsArray } from 'graphql';
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

/** Per operation: how often each person's points were computed, and the paths graphql-js or `_entities` passed. */
interface Calls {
  points: Map<string, number>;
  paths: string[];
}

@Resolver(() => Person)
class PersonFields {
  // As scoring's `points`: an async resolver awaiting a loader.
  @FieldResolver(() => Int, { description: '记分 — points of a year' })
  async points(
    @Root() person: Person,
    @Ctx() context: { calls: Calls },
    @Info() info: GraphQLResolveInfo,
    @Arg('year', () => Int, { nullable: true, description: '年度 — year' }) year?: number,
  ): Promise<number> {
    context.calls.points.set(person.code, (context.calls.points.get(person.code) ?? 0) + 1);
    context.calls.paths.push(responsePathAsArray(info.path).join('.'));
    await Promise.resolve();
    if (person.code === 'refused') throw new Error('FORBIDDEN');
    return (year ?? 2026) - 2000 + Number(person.code.slice(1));
  }

  @FieldResolver(() => String, { description: '标签 — computed at once' })
  label(@Root() person: Person): string {
    return `<${person.code}>`;
  }
}

@Directive('@key(fields: "id")')
@ObjectType({ description: '记录 — a record' })
class Entry {
  @Field(() => ID, { description: '编号 — id' })
  id!: string;
}

@Resolver(() => Entry)
class EntryFields {
  @FieldResolver(() => Int, { description: '分值 — one at a time' })
  weight(@Root() entry: Entry, @Arg('times', () => Int, { defaultValue: 1, description: '倍数 — times' }) times: number): number {
    return Number(entry.id.slice(1)) * times;
  }

  @Authorized('NATIONAL_AGENCY')
  @FieldResolver(() => Int, { description: '保密 — guarded' })
  guarded(): number {
    return 1;
  }
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
      { resolvers: [Queries, PersonFields], orphanedTypes: [Person, Appeal], authChecker: () => true },
      {
        // Known from the key alone, as appeals knows a person.
        Person: { __resolveReference: (reference: { code: string }) => ({ code: reference.code }) },
        // Loaded later, as from a DataLoader; a missing one is null, a refused one an error.
        Appeal: {
          __resolveReference: async (reference: { id: string }) => {
            if (reference.id === 'refused') throw new Error('FORBIDDEN');
            if (reference.id === 'thrown') throw 'not an Error';
            if (reference.id === 'slow') await new Promise((resolve) => setTimeout(resolve, 20));
            return reference.id === 'missing' ? null : { id: reference.id, __typename: 'Appeal' };
          },
        },
      },
    );
  });

  test('references resolved at once are answered as values; loaded ones make one promise for the whole list, not one per entity', async () => {
    const resolve = schema.getQueryType()!.getFields()._entities.resolve!;
    const info = { schema, fieldNodes: [], variableValues: {} } as unknown as GraphQLResolveInfo;
    const [person] = resolve(undefined, { representations: [{ __typename: 'Person', code: 'P1' }] }, {}, info) as unknown[];
    expect(person).toEqual({ code: 'P1', __typename: 'Person' });
    const representations = [
      { __typename: 'Person', code: 'P1' },
      { __typename: 'Appeal', id: 'A1' },
    ];
    const answer = resolve(undefined, { representations }, {}, info);
    expect(answer).toBeInstanceOf(Promise);
    const [person2, appeal] = (await answer) as unknown[];
    expect(person2).toEqual({ code: 'P1', __typename: 'Person' });
    expect(appeal).toEqual({ id: 'A1', __typename: 'Appeal' });
  });

  test('a reference refused with something not an Error is that entity’s error, and no rejection is left unhandled while the others load', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const result = await execute({
        schema,
        document: parse(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Appeal { id } } }`),
        variableValues: { r: ['thrown', 'slow'].map((id) => ({ __typename: 'Appeal', id })) },
      });
      expect(result.data?._entities).toEqual([null, { id: 'slow' }]);
      expect(result.errors?.map((error) => [error.message, error.path])).toEqual([['Unexpected error value: "not an Error"', ['_entities', 0]]]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  const personsQuery = parse(`query($r: [_Any!]!) {
    _entities(representations: $r) { ... on Person { code points last: points(year: 2025) label ...more } }
  }
  fragment more on Person { again: points @skip(if: true) }`);

  test('the selected fields of resolver classes are resolved for all entities at once: each once, with its arguments, aliases, path and error', async () => {
    const calls: Calls = { points: new Map(), paths: [] };
    const result = await execute({
      schema,
      document: personsQuery,
      variableValues: { r: ['P1', 'refused', 'P3', 'P1'].map((code) => ({ __typename: 'Person', code })) },
      contextValue: { calls },
    });
    expect(result.data?._entities).toEqual([
      { code: 'P1', points: 27, last: 26, label: '<P1>' },
      null,
      { code: 'P3', points: 29, last: 28, label: '<P3>' },
      { code: 'P1', points: 27, last: 26, label: '<P1>' },
    ]);
    expect(result.errors?.map((error) => [error.message, error.path])).toEqual([['FORBIDDEN', ['_entities', 1, 'points']]]);
    // Two aliases, the skipped one left out; each person's object once although P1 is asked twice.
    expect(Object.fromEntries(calls.points)).toEqual({ P1: 4, refused: 2, P3: 2 });
    expect(calls.paths).toContain('_entities.2.last');
  });

  test('a page of 100 entities with an async field is completed with far fewer promises than one chain per entity', async () => {
    const representations = Array.from({ length: 100 }, (_, i) => ({ __typename: 'Person', code: `P${i}` }));
    let promises = 0;
    const hook = createHook({ init: (_id, type) => void (type === 'PROMISE' && promises++) }).enable();
    try {
      const result = await execute({
        schema,
        document: personsQuery,
        variableValues: { r: representations },
        contextValue: { calls: { points: new Map(), paths: [] } },
      });
      expect(result.errors).toBeUndefined();
    } finally {
      hook.disable();
    }
    // Per entity and alias, the resolver's own three (its async function, the promise it awaits, the
    // await) and the one `then` that `_entities` waits on: 8. Completed by graphql-js, 20.
    expect(promises / representations.length).toBeLessThanOrEqual(8.5);
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

  describe('batch forms: __resolveReferences and __resolveFields', () => {
    let batched: GraphQLSchema;
    const calls: unknown[][] = [];
    beforeAll(async () => {
      batched = await buildFederatedSchema(
        { resolvers: [Queries, EntryFields], orphanedTypes: [Entry], authChecker: () => true },
        {
          Entry: {
            __resolveReference: () => {
              throw new Error('one at a time');
            },
            __resolveReferences: async (references: { id: string }[]) => {
              calls.push(['references', ...references.map((r) => r.id)]);
              return references.map((r) => (r.id === 'E0' ? new Error('FORBIDDEN') : r.id === 'E9' ? null : { id: r.id }));
            },
            __resolveFields: {
              weight: async (entries: Entry[], { times }: { times: number }) => {
                calls.push(['weight', times, ...entries.map((e) => e.id)]);
                return entries.map((e) => (e.id === 'E3' ? new Error('NOT_NOW') : Number(e.id.slice(1)) * times));
              },
            },
          },
        },
      );
    });

    test('each is called once per _entities call with all its entities in order; values, nulls and errors land at their own index', async () => {
      const result = await execute({
        schema: batched,
        document: parse(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Entry { id weight double: weight(times: 2) } } }`),
        variableValues: { r: ['E1', 'E0', 'E3', 'E9', 'E2'].map((id) => ({ __typename: 'Entry', id })) },
        contextValue: {},
      });
      expect(result.data?._entities).toEqual([{ id: 'E1', weight: 1, double: 2 }, null, null, null, { id: 'E2', weight: 2, double: 4 }]);
      expect(result.errors?.map((error) => [error.message, error.path])).toEqual([
        ['FORBIDDEN', ['_entities', 1]],
        // A non-null field's error nulls its entity at once: graphql-js asks no further field of it.
        ['NOT_NOW', ['_entities', 2, 'weight']],
      ]);
      expect(calls).toEqual([
        ['references', 'E1', 'E0', 'E3', 'E9', 'E2'],
        ['weight', 1, 'E1', 'E3', 'E2'],
        ['weight', 2, 'E1', 'E3', 'E2'],
      ]);
    });

    test('a batch form for a field guarded by @Authorized is refused when the schema is built', async () => {
      await expect(
        buildFederatedSchema(
          { resolvers: [Queries, EntryFields], orphanedTypes: [Entry], authChecker: () => true },
          { Entry: { __resolveReference: () => null, __resolveFields: { guarded: () => [] } } },
        ),
      ).rejects.toThrow(/Entry.guarded: a batch form needs a field resolver of an entity type without @Authorized/);
    });

    test('a batch form under a schema-wide middleware, which it would skip, is refused when the schema is built', async () => {
      await expect(
        buildFederatedSchema(
          { resolvers: [Queries, EntryFields], orphanedTypes: [Entry], authChecker: () => true, globalMiddlewares: [(_, next) => next()] },
          { Entry: { __resolveReference: () => null, __resolveFields: { weight: () => [] } } },
        ),
      ).rejects.toThrow(/Entry.weight: a batch form needs a field resolver of an entity type without @Authorized or middleware/);
    });
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
