import 'reflect-metadata';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { execute, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, parse } from 'graphql';
import { buildFederatedSchema } from './schema';

@ObjectType({ description: '人员 — a person' })
class Member {
  @Field(() => ID, { description: '代码 — code' })
  code!: string;

  @Field(() => String, { nullable: true, description: '姓名 — name' })
  name?: string;

  initial(): string {
    return this.code[0];
  }
}

@InputType({ description: '范围 — a range' })
class Range {
  @Field(() => Int, { description: '起 — from' })
  from!: number;
}

@Resolver()
class MemberQueries {
  @Query(() => [Member], { description: '人员 — members, one plain object and one of the class' })
  members(): Member[] {
    return [{ code: 'P1' } as Member, Object.assign(new Member(), { code: 'Q2' })];
  }
}

@Resolver(() => Member)
class MemberFields {
  @FieldResolver(() => Int, { description: '记分 — points of a year' })
  points(
    @Root() member: Member,
    @Ctx() context: { base: number },
    @Arg('year', () => Int, { nullable: true, description: '年度 — year' }) year?: number,
  ): number {
    return context.base + (year ?? 0) + (member instanceof Member ? member.initial().charCodeAt(0) : -1000);
  }

  @FieldResolver(() => Int, { description: '区间 — an input object argument' })
  since(@Root() member: Member, @Arg('range', () => Range, { description: '范围 — range' }) range: Range): number {
    return range instanceof Range && member instanceof Member ? range.from : -1;
  }

  @Authorized('NATIONAL_AGENCY')
  @FieldResolver(() => String, { description: '秘密 — only for some callers' })
  secret(): string {
    return 'hidden';
  }
}

describe('field resolvers of resolver classes, called without the handler where it only passes parameters on', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildFederatedSchema({ resolvers: [MemberQueries, MemberFields], authChecker: () => false });
  });

  test('a field with a scalar argument answers as a value, not a promise (no validation promises per field)', () => {
    const resolve = (schema.getType('Member') as GraphQLObjectType).getFields().points.resolve!;
    const answer = resolve({ code: 'P1' }, { year: 2026 }, { base: 1 }, {} as GraphQLResolveInfo);
    expect(answer).toBe(1 + 2026 + 'P'.charCodeAt(0));
  });

  test('through execution: the parent made an instance of its class as type-graphql makes it; an input object argument converted', async () => {
    const result = await execute({
      schema,
      document: parse(`{ members { code points(year: 2026) since(range: { from: 3 }) } }`),
      contextValue: { base: 1 },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.members).toEqual([
      { code: 'P1', points: 1 + 2026 + 'P'.charCodeAt(0), since: 3 },
      { code: 'Q2', points: 1 + 2026 + 'Q'.charCodeAt(0), since: 3 },
    ]);
  });

  test('an @Authorized field still goes through the auth checker', async () => {
    const result = await execute({ schema, document: parse(`{ members { secret } }`), contextValue: { base: 0 } });
    expect(result.errors?.[0].message).toMatch(/access denied/i);
  });
});
