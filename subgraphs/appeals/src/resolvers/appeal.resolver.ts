import { PERMISSIONS, runIdempotent } from '@pq/kit';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { fileAppeal } from '../commands/file-appeal';
import { OPEN_APPEAL_STATUSES } from '../domain/appeal';
import { Appeal } from '../entities/appeal';
import type { Context } from './context';
import { FileAppealInput, FileAppealPayload, Person, ScoreRecord } from './appeal.types';

@Resolver(() => Appeal)
export class AppealResolver {
  @Authorized(PERMISSIONS.fileAppeal)
  @Mutation(() => FileAppealPayload, { description: '提出异议申诉 — a person or institution appeals a score (A1)' })
  async fileAppeal(@Arg('input') input: FileAppealInput, @Ctx() context: Context): Promise<FileAppealPayload> {
    const id = await context.em.transactional((em) => runIdempotent(em, 'appeals', context.caller, 'fileAppeal', input, () => fileAppeal(em, context, input)));
    return { appeal: (await context.loaders.appeal.load(id))! };
  }

  @FieldResolver(() => ScoreRecord, { description: '记分记录 — the score record appealed against' })
  scoreRecord(@Root() appeal: Appeal): ScoreRecord {
    return { id: appeal.scoreRecordId };
  }
}

@Resolver(() => Person)
export class PersonAppealsResolver {
  @FieldResolver(() => [Appeal], { description: '未结申诉 — appeals still open, oldest first' })
  async openAppeals(@Root() person: Person, @Ctx() context: Context): Promise<Appeal[]> {
    const appeals = await context.loaders.appealsByPerson.load(person.code);
    return appeals.filter((a) => OPEN_APPEAL_STATUSES.includes(a.status));
  }

  @FieldResolver(() => [Appeal], { description: '全部申诉 — every appeal of the person, oldest first' })
  appeals(@Root() person: Person, @Ctx() context: Context): Promise<Appeal[]> {
    return context.loaders.appealsByPerson.load(person.code);
  }
}

@Resolver(() => ScoreRecord)
export class ScoreRecordAppealsResolver {
  @FieldResolver(() => [Appeal], { description: '申诉 — appeals against this score record' })
  appeals(@Root() record: ScoreRecord, @Ctx() context: Context): Promise<Appeal[]> {
    return context.loaders.appealsByScoreRecord.load(record.id);
  }
}
