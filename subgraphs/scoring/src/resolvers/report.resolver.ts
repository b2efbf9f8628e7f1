import { PERMISSIONS } from './permissions';
import { runMutation } from '@pq/data';
import { DomainError } from '@pq/errors';
import { DateScalar, decodeCursor, isUuid, pageSize, toConnection } from '@pq/graphql';
import { isIsoDate, yearOf } from '@pq/time';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { applyForRepair, decideRepair, reviewRepair } from '../commands/repair';
import { institutionRatio } from '../domain/institution-ratio';
import { selectRuleSet } from '../domain/rule-set';
import { RepairApplication } from '../entities/repair-application';
import { ScoreRecord } from '../entities/score-record';
import { repairOf } from '../repositories/repairs';
import {
  copyReportPage,
  countCopyReport,
  countScoredPersons,
  fetchInstitutionFigures,
  findCopyReportRecords,
  InstitutionFiguresRow,
} from '../repositories/reports';
import { assertMaySeeInstitution, assertMaySeeRegion } from '../repositories/scope';
import type { Context } from './context';
import {
  ApplyForRepairInput,
  DecideRepairInput,
  InstitutionScoringFigures,
  RepairPayload,
  ReviewRepairInput,
  ScoreRecordConnection,
  YearlySummary,
} from './report.types';
import { Institution, Person } from './score.types';
import { auditScopeOfRow } from '../repositories/audit-scope';

/** The most score records one copy report answers (a province's month fits). */
export const MAX_COPY_REPORT_RECORDS = 10_000;

/** S10: each institution's sanctioned share and the measure its rule set gives it. */
export async function withMeasures(
  context: Context,
  rows: InstitutionFiguresRow[],
  year: number,
): Promise<(InstitutionFiguresRow & InstitutionScoringFigures)[]> {
  const ruleSets = await context.loaders.ruleSets.load('all');
  return rows.map((row) => {
    const rules = selectRuleSet(ruleSets, row.regionCode, `${year}-12-31`)!.parameters;
    const { share, measure } = institutionRatio(rules, row.suspensions + row.terminations, row.registeredPersonnel);
    return { ...row, year, sanctionedShare: Math.round(share * 10_000) / 10_000, measure };
  });
}

@Resolver(() => Institution)
export class InstitutionReportResolver {
  @FieldResolver(() => InstitutionScoringFigures, {
    description: "年度记分情况 — the institution's scoring figures and ratio measure for a year (default: this year)",
  })
  async scoringFigures(
    @Root() institution: Institution,
    @Ctx() context: Context,
    @Arg('year', () => Int, { nullable: true, description: '年度 — natural year' }) year?: number,
  ): Promise<InstitutionScoringFigures> {
    const row = await context.loaders.institutionFigures.load(`${institution.code}|${year ?? yearOf(context.clock.today())}`);
    assertMaySeeInstitution(context.caller, row.institutionCode, row.regionCode);
    return (await withMeasures(context, [row], row.year))[0];
  }
}

@Resolver()
export class ReportResolver {
  @Authorized(PERMISSIONS.reports)
  @Query(() => YearlySummary, { description: "年度记分汇总 — a region's scores, suspensions and terminations for a year, due by 5 January (S14)" })
  async yearlySummary(
    @Ctx() context: Context,
    @Arg('regionPrefix', { description: '区划前缀 — region-code prefix, e.g. "37" or "3708"' }) regionPrefix: string,
    @Arg('year', () => Int, { description: '年度 — natural year' }) year: number,
  ): Promise<YearlySummary> {
    assertMaySeeRegion(context.caller, regionPrefix);
    const institutions = await withMeasures(context, await fetchInstitutionFigures(context.em, { regionPrefix }, year), year);
    const { persons, records } = await countScoredPersons(context.em, regionPrefix, year);
    const sum = (key: 'points' | 'suspensions' | 'terminations') => institutions.reduce((total, i) => total + i[key], 0);
    return {
      regionPrefix,
      year,
      dueBy: `${year + 1}-01-05`,
      scoredPersons: persons,
      scoreRecords: records,
      points: sum('points'),
      suspensions: sum('suspensions'),
      terminations: sum('terminations'),
      institutions,
    };
  }

  @Authorized(PERMISSIONS.reports)
  @Query(() => [ScoreRecord], {
    description: `抄告 — score records of a region and period for the health commission and drug regulator: violation, this score, the total (S14); more than ${MAX_COPY_REPORT_RECORDS.toLocaleString('en-US')} are refused (RESULT_TOO_LARGE), never cut short: page larger ones with copyReportPage`,
  })
  async copyReport(
    @Ctx() context: Context,
    @Arg('regionPrefix', { description: '区划前缀 — region-code prefix, e.g. "37" or "3708"' }) regionPrefix: string,
    @Arg('from', () => DateScalar, { description: '起始日期 — first day of the period' }) from: string,
    @Arg('to', () => DateScalar, { description: '截止日期 — last day of the period' }) to: string,
  ): Promise<ScoreRecord[]> {
    assertMaySeeRegion(context.caller, regionPrefix);
    if (to < from) throw new DomainError('BAD_USER_INPUT', 'the period ends before it starts');
    const records = await findCopyReportRecords(context.em, regionPrefix, from, to, MAX_COPY_REPORT_RECORDS + 1);
    // A partner files the report as complete: a period too large is refused, never cut short.
    if (records.length > MAX_COPY_REPORT_RECORDS) {
      throw new DomainError(
        'RESULT_TOO_LARGE',
        `more than ${MAX_COPY_REPORT_RECORDS} score records from ${from} to ${to} in region ${regionPrefix}: page them with copyReportPage(first, after)`,
      );
    }
    auditCopyReport(context, 'copyReport', regionPrefix, from, to, records.length);
    return records;
  }

  @Authorized(PERMISSIONS.reports)
  @Query(() => ScoreRecordConnection, {
    description: '抄告（分页） — the copy report of a region and period in pages of at most 500, by decision day then id, however many records (S14)',
  })
  async copyReportPage(
    @Ctx() context: Context,
    @Arg('regionPrefix', { description: '区划前缀 — region-code prefix, e.g. "37" or "3708"' }) regionPrefix: string,
    @Arg('from', () => DateScalar, { description: '起始日期 — first day of the period' }) from: string,
    @Arg('to', () => DateScalar, { description: '截止日期 — last day of the period' }) to: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: '每页条数 — page size (at most 500)' }) first: number | null = 50,
    @Arg('after', () => String, { nullable: true, description: '游标 — records after this cursor' }) after?: string,
  ): Promise<ScoreRecordConnection> {
    assertMaySeeRegion(context.caller, regionPrefix);
    if (to < from) throw new DomainError('BAD_USER_INPUT', 'the period ends before it starts', { field: 'to' });
    const limit = pageSize(first);
    const cursor = decodeCursor(after, (key) => {
      const [decidedOn, id] = key.split('|');
      return isIsoDate(decidedOn) && isUuid(id ?? '');
    })?.split('|');
    const rows = await copyReportPage(context.em, regionPrefix, from, to, cursor && { decidedOn: cursor[0], id: cursor[1] }, limit + 1);
    auditCopyReport(context, 'copyReportPage', regionPrefix, from, to, Math.min(rows.length, limit));
    return toConnection(
      ScoreRecordConnection,
      rows,
      limit,
      (record) => `${record.decidedOn}|${record.id}`,
      () => countCopyReport(context.em, regionPrefix, from, to),
    );
  }

  @Authorized(PERMISSIONS.repair)
  @Mutation(() => RepairPayload, { description: '申请记分修复 — apply to repair points after rectification (S12)' })
  applyForRepair(
    @Arg('input', { description: '输入 — the input of this operation' }) input: ApplyForRepairInput,
    @Ctx() context: Context,
  ): Promise<RepairPayload> {
    return repairMutation(context, 'applyForRepair', input, input.personCode, (em) =>
      applyForRepair(em, context, input.personCode, input.institutionCode, input.statement),
    );
  }

  @Authorized(PERMISSIONS.repair)
  @Mutation(() => RepairPayload, { description: '机构审核修复申请 — the institution agrees or refuses (S12)' })
  reviewRepair(@Arg('input', { description: '输入 — the input of this operation' }) input: ReviewRepairInput, @Ctx() context: Context): Promise<RepairPayload> {
    return repairMutation(context, 'reviewRepair', input, input.applicationId, (em) =>
      reviewRepair(em, context, input.applicationId, input.agree, input.note, input.reviewedOn),
    );
  }

  @Authorized(PERMISSIONS.decideRepair)
  @Mutation(() => RepairPayload, { description: '修复决定 — the agency reduces points and/or shortens the period, or refuses (S12)' })
  decideRepair(@Arg('input', { description: '输入 — the input of this operation' }) input: DecideRepairInput, @Ctx() context: Context): Promise<RepairPayload> {
    return repairMutation(context, 'decideRepair', input, input.applicationId, (em) => decideRepair(em, context, input.applicationId, input));
  }
}

/** A copy report is a bulk read of a region's score records, shared outside the fund (S14): audited once per call, as an export is. */
function auditCopyReport(context: Context, operation: string, regionPrefix: string, from: string, to: string, records: number): void {
  context.audit.record({
    operation,
    target: `${regionPrefix} ${from}..${to}: ${records} records`,
    scope: { regionCodes: [regionPrefix], institutionCodes: [] },
  });
}

async function repairMutation(
  context: Context,
  operation: string,
  input: { idempotencyKey?: string | null },
  target: string,
  perform: (em: Context['em']) => Promise<string>,
): Promise<RepairPayload> {
  const id = await runMutation(context, 'scoring', operation, input, perform, {
    target: () => target,
    scope: (applicationId, em) => auditScopeOfRow(em, 'repair_application', applicationId),
  });
  return { application: await repairOf(context.em, id) };
}

@Resolver(() => Person)
export class PersonRepairResolver {
  @FieldResolver(() => [RepairApplication], { description: '记分修复申请 — repair applications, oldest first' })
  repairApplications(@Root() person: Person, @Ctx() context: Context): Promise<RepairApplication[]> {
    return context.loaders.repairApplicationsByPerson.load(person.code);
  }
}
