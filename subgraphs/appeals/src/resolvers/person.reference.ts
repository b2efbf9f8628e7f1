import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { OPEN_APPEAL_STATUSES } from '../domain/appeal';
import { Appeal } from '../entities/appeal';
import type { Context } from './context';

@Directive('@key(fields: "code")')
@ObjectType({ description: '医药机构相关人员 — a registered person; appeals adds their appeals' })
export class Person {
  @Field(() => ID, { description: '医保相关人员代码 — national personnel code' })
  code!: string;
}

const openOnly = (appeals: Appeal[]) => appeals.filter((a) => OPEN_APPEAL_STATUSES.includes(a.status));

/** `_entities` for Person: registry owns it; appeals adds fields from the key alone. */
export const personReference = {
  __resolveReference: (reference: { code: string }): Person => ({ code: reference.code }),
  __resolveFields: {
    // PersonAppealsResolver.openAppeals for all persons of one `_entities` call.
    openAppeals: async (persons: Person[], _args: unknown, context: Context) =>
      (await context.loaders.appealsByPerson.loadAll(persons.map((person) => person.code))).map((appeals) =>
        appeals instanceof Error ? appeals : openOnly(appeals),
      ),
  },
};

@Resolver(() => Person)
export class PersonAppealsResolver {
  @FieldResolver(() => [Appeal], { description: '未结申诉 — appeals still open, oldest first' })
  async openAppeals(@Root() person: Person, @Ctx() context: Context): Promise<Appeal[]> {
    return openOnly(await context.loaders.appealsByPerson.load(person.code));
  }

  @FieldResolver(() => [Appeal], { description: '全部申诉 — every appeal of the person, oldest first' })
  appeals(@Root() person: Person, @Ctx() context: Context): Promise<Appeal[]> {
    return context.loaders.appealsByPerson.load(person.code);
  }
}
