import { runMutation } from '@pq/data';
import { DomainError } from '@pq/errors';
import { DateScalar, MAX_BATCH_ENTRIES } from '@pq/graphql';
import { PERMISSIONS } from './permissions';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RecordedDecision, recordScores } from '../commands/record-scores';
import { selectRuleSet } from '../domain/rule-set';
import { Notice } from '../entities/notice';
import { RestorationApplication } from '../entities/restoration-application';
import { PolicyRuleSet } from '../entities/rule-set';
import { Sanction } from '../entities/sanction';
import { ScoreRecord } from '../entities/score-record';
import { ViolationItem } from '../entities/violation-item';
import { findCatalogue, findRuleSets } from '../repositories/rule-sets';
import { maySeeScoreRecord } from '../repositories/scope';
import type { Context } from './context';
import { askedPersonYearKey, pointsOf } from '../loaders/year-total.loader';
import { violationItemKey } from '../loaders/violation-item.loader';
import { Institution, Person, RecordScoresInput, RecordScoresPayload } from './score.types';

async function ruleSetInForce(context: Context, regionCode: string, on: string): Promise<PolicyRuleSet> {
  if (!/^\d{6}$/.test(regionCode)) throw new DomainError('INVALID_REGION_CODE', `${regionCode} is not a 6-digit region code`);
  const ruleSet = selectRuleSet(await findRuleSets(context.em), regionCode, on);
  if (!ruleSet) throw new DomainError('NOT_FOUND', `no rule set is in force for region ${regionCode} on ${on}`);
  return ruleSet;
}

/**
 * The loaders answer a decision from what it just wrote instead of reading it back (four
 * statements fewer per decision); a record the caller may not see is still read, and refused, by
 * its scoped loader.
 */
function primeWritten(context: Context, written: RecordedDecision['written']): void {
  for (const record of written.records)
    if (maySeeScoreRecord(context.caller, record, written.regionOf.get(record.institutionCode))) context.loaders.scoreRecord.prime(record.id, record);
  for (const sanction of written.sanctions) context.loaders.sanction.prime(sanction.id, sanction);
  for (const notice of written.notices) context.loaders.notice.prime(notice.id, notice);
  for (const item of written.catalogue) context.loaders.violationItem.prime(violationItemKey(item.ruleSetId, item.code), item);
}

@Resolver(() => ScoreRecord)
export class ScoreRecordResolver {
  @Authorized(PERMISSIONS.violationItems)
  @Query(() => PolicyRuleSet, { description: '适用的记分规则集 — the rule set in force for a region on a date (most specific prefix, latest version)' })
  ruleSet(
    @Ctx() context: Context,
    @Arg('regionCode', { description: '医保区划 — 6-digit region code' }) regionCode: string,
    @Arg('on', () => DateScalar, { nullable: true, description: '日期 — the date (default: today)' }) on?: string,
  ): Promise<PolicyRuleSet> {
    return ruleSetInForce(context, regionCode, on ?? context.clock.today());
  }

  @Authorized(PERMISSIONS.violationItems)
  @Query(() => [ViolationItem], { description: '负面情形目录 — the catalogue of the rule set in force in a region on a date (default today)' })
  async violationItems(
    @Ctx() context: Context,
    @Arg('regionCode', { description: '医保区划 — 6-digit region code' }) regionCode: string,
    @Arg('on', () => DateScalar, { nullable: true, description: '日期 — the date (default: today)' }) on?: string,
  ): Promise<ViolationItem[]> {
    const ruleSet = await ruleSetInForce(context, regionCode, on ?? context.clock.today());
    return findCatalogue(context.em, ruleSet.id);
  }

  @Authorized(PERMISSIONS.recordScores)
  @Mutation(() => RecordScoresPayload, { description: '记分 — record one inspection decision: points, totals, outcomes and notices' })
  async recordScores(
    @Arg('input', { description: '输入 — the input of this operation' }) input: RecordScoresInput,
    @Ctx() context: Context,
  ): Promise<RecordScoresPayload> {
    if (input.items.length > MAX_BATCH_ENTRIES) throw new DomainError('BATCH_TOO_LARGE', `at most ${MAX_BATCH_ENTRIES} items per decision`);
    // The answer kept for the idempotency key is the ids; the entities written are only primed, in
    // the run that wrote them (a repeat reads them back).
    const answer = await runMutation(
      context,
      'scoring',
      'recordScores',
      input,
      async (em) => {
        const { written, auditScope } = await recordScores(em, context, input);
        primeWritten(context, written);
        return { recordIds: written.records.map((r) => r.id), sanctionIds: written.sanctions.map((s) => s.id), auditScope };
      },
      {
        target: () => [...new Set(input.items.map((i) => i.personCode))].join(', '),
        basisDocument: input.documentNumber,
        scope: async (decision) => decision.auditScope,
      },
    );
    const [records, sanctions] = await Promise.all([
      context.loaders.scoreRecord.loadMany(answer.recordIds),
      context.loaders.sanction.loadMany(answer.sanctionIds),
    ]);
    return { records: records as ScoreRecord[], sanctions: sanctions as Sanction[] };
  }

  @FieldResolver(() => ViolationItem, { description: '负面情形 — the violation item' })
  async violation(@Root() record: ScoreRecord, @Ctx() context: Context): Promise<ViolationItem> {
    return (await context.loaders.violationItem.load(violationItemKey(record.ruleSetId, record.violationCode)))!;
  }

  @FieldResolver(() => Institution, { description: '定点医药机构 — where the behaviour happened' })
  institution(@Root() record: ScoreRecord): Institution {
    return { code: record.institutionCode };
  }

  @FieldResolver(() => Person, { description: '人员 — the person scored' })
  person(@Root() record: ScoreRecord): Person {
    return { code: record.personCode };
  }

  @FieldResolver(() => Notice, { nullable: true, description: '处理通知书 — the notice of the decision for this person' })
  notice(@Root() record: ScoreRecord, @Ctx() context: Context): Promise<Notice | null> {
    return context.loaders.notice.load(record.noticeId);
  }
}

@Resolver(() => Person)
export class PersonScoringResolver {
  @FieldResolver(() => Int, { description: "年度累计记分 — the natural year's running total across all sites (default: the current year)" })
  async points(
    @Root() person: Person,
    @Ctx() context: Context,
    @Arg('year', () => Int, { nullable: true, description: '年度 — natural year' }) year?: number,
  ): Promise<number> {
    const row = await context.loaders.yearTotal.load(askedPersonYearKey(person.code, year, context.clock));
    return pointsOf(row);
  }

  @FieldResolver(() => [ScoreRecord], { description: "记分记录 — the year's score records, oldest first (default: the current year)" })
  scoreRecords(
    @Root() person: Person,
    @Ctx() context: Context,
    @Arg('year', () => Int, { nullable: true, description: '年度 — natural year' }) year?: number,
  ): Promise<ScoreRecord[]> {
    return context.loaders.scoreRecordsByPersonYear.load(askedPersonYearKey(person.code, year, context.clock));
  }

  @FieldResolver(() => [Sanction], { description: "处理记录 — every outcome of the person's scorings, oldest first (一医一档)" })
  sanctions(@Root() person: Person, @Ctx() context: Context): Promise<Sanction[]> {
    return context.loaders.sanctionsByPerson.load(person.code);
  }

  @FieldResolver(() => [RestorationApplication], { description: '资格恢复申请 — restoration applications, oldest first' })
  restorationApplications(@Root() person: Person, @Ctx() context: Context): Promise<RestorationApplication[]> {
    return context.loaders.restorationApplicationsByPerson.load(person.code);
  }

  @FieldResolver(() => Sanction, {
    nullable: true,
    description: '执行中的暂停或终止 — the suspension or termination in force; it stays after its period until a restoration is approved (S13)',
  })
  activeSanction(@Root() person: Person, @Ctx() context: Context): Promise<Sanction | null> {
    return context.loaders.activeSanction.load(person.code);
  }
}
