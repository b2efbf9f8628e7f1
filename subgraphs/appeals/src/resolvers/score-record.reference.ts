import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { Appeal } from '../entities/appeal';
import type { Context } from './context';

@Directive('@key(fields: "id")')
@ObjectType({ description: '记分记录 — a score record, owned by scoring; appeals adds the appeals against it' })
export class ScoreRecord {
  @Field(() => ID, { description: '记分记录标识 — score record id' })
  id!: string;
}

/** `_entities` for ScoreRecord: scoring owns it; appeals adds fields from the key alone. */
export const scoreRecordReference = {
  __resolveReference: (reference: { id: string }): ScoreRecord => ({ id: reference.id }),
};

@Resolver(() => ScoreRecord)
export class ScoreRecordAppealsResolver {
  @FieldResolver(() => [Appeal], { description: '申诉 — appeals against this score record' })
  appeals(@Root() record: ScoreRecord, @Ctx() context: Context): Promise<Appeal[]> {
    return context.loaders.appealsByScoreRecord.load(record.id);
  }
}
