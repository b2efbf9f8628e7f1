import { Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context';

@Directive('@key(fields: "groupId")')
@ObjectType({ description: '统计分组结果 — an analytics group, owned by scoring; appeals adds the appeal outcomes of its scores' })
export class AnalyticsGroup {
  // Not an `id`: row ids are UUIDs (the input guard checks them), this one carries the selection.
  @Field({ description: '分组标识 — opaque key of the group within its request' })
  groupId!: string;
}

@ObjectType({ description: '申诉结果统计 — appeals against the scores of a group, by where they stand (002 art.41–44)' })
export class AppealOutcomes {
  @Field({ description: '已屏蔽 — counts withheld: fewer than 3 persons appealed, and the caller is a partner' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: '申诉件数 — appeals filed against the scores' })
  filed!: number | null;

  @Field(() => Int, { nullable: true, description: '未结 — still open (filed, explained, escalated, under expert review)' })
  open!: number | null;

  @Field(() => Int, { nullable: true, description: '维持 — upheld, with reasons (A4)' })
  upheld!: number | null;

  @Field(() => Int, { nullable: true, description: '变更 — changed: the score adjusted (A4)' })
  changed!: number | null;

  @Field(() => Int, { nullable: true, description: '撤回 — withdrawn by the appellant' })
  withdrawn!: number | null;
}

/** `_entities` for AnalyticsGroup: scoring owns it; the groupId carries the selection and the group's key. */
export const analyticsGroupReference = {
  __resolveReference: (reference: { groupId: string }): AnalyticsGroup => ({ groupId: reference.groupId }),
};

@Resolver(() => AnalyticsGroup)
export class AnalyticsGroupAppealsResolver {
  @FieldResolver(() => AppealOutcomes, {
    nullable: true,
    description:
      '申诉结果 — appeals against the scores of this group, by the month of the score; null when grouped or filtered by personnel category or violation item, which appeals does not know',
  })
  async appealOutcomes(@Root() group: AnalyticsGroup, @Ctx() context: Context): Promise<AppealOutcomes | null> {
    const outcomes = await context.loaders.appealOutcomes.load(group.groupId);
    if (!outcomes) return null;
    return outcomes.suppressed ? { suppressed: true, filed: null, open: null, upheld: null, changed: null, withdrawn: null } : outcomes;
  }
}
