import { AnalyticsDimension } from '@pq/graphql';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { InstitutionKind, PersonnelCategory } from '../domain/analytics';
import { Institution } from './score.types';
import { ViolationItem } from '../entities/violation-item';

@InputType({ description: '统计条件 — what analytics aggregate: a region, a period (a year or a range of months) and optional restrictions' })
export class AnalyticsFilter {
  @Field(() => String, { nullable: true, description: '区划前缀 — region-code prefix, e.g. "37" or "3708"; default the caller\'s region' })
  regionPrefix?: string | null;

  @Field(() => Int, { nullable: true, description: '年度 — a natural year (S6); or give fromMonth and toMonth' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: '起始月份 — first month of the period, YYYY-MM' })
  fromMonth?: string | null;

  @Field(() => String, { nullable: true, description: '截止月份 — last month of the period, YYYY-MM (at most 60 months)' })
  toMonth?: string | null;

  @Field(() => [InstitutionKind], { nullable: true, description: '机构类别 — only these kinds of institution' })
  institutionKinds?: InstitutionKind[] | null;

  @Field(() => [PersonnelCategory], { nullable: true, description: '人员类别 — only persons of these categories' })
  personnelCategories?: PersonnelCategory[] | null;

  @Field(() => [ID], { nullable: true, description: '负面情形编码 — only these violation items (codes of the catalogues)' })
  violationItems?: string[] | null;
}

@ObjectType({ description: '统计分组 — the values of the dimensions a group stands for; the others are null' })
export class AnalyticsGroupKey {
  @Field(() => String, { nullable: true, description: '医保区划 — region code (REGION)' })
  regionCode!: string | null;

  @Field(() => Institution, { nullable: true, description: '定点医药机构 — the institution, with its name and agreement from agreements (INSTITUTION)' })
  institution!: Institution | null;

  @Field(() => InstitutionKind, { nullable: true, description: '机构类别 — institution kind (INSTITUTION_KIND)' })
  institutionKind!: InstitutionKind | null;

  @Field(() => PersonnelCategory, {
    nullable: true,
    description: '人员类别 — personnel category (PERSONNEL_CATEGORY); null also for persons whose category scoring has not been told',
  })
  category!: PersonnelCategory | null;

  @Field(() => ViolationItem, { nullable: true, description: '负面情形 — violation item with its title (VIOLATION_ITEM)' })
  violationItem!: ViolationItem | null;

  @Field(() => String, { nullable: true, description: '月份 — YYYY-MM (MONTH)' })
  month!: string | null;

  ruleSetId!: string | null;
  violationCode!: string | null;
}

@ObjectType({ description: '记分分布档 — persons whose year total lies in a bucket (S7 thresholds)' })
export class PointsBucket {
  @Field(() => Int, { description: '最低分 — lowest year total of the bucket' })
  from!: number;

  @Field(() => Int, { nullable: true, description: '最高分 — highest year total, null for the open last bucket (12 or more)' })
  to!: number | null;

  @Field(() => Int, { description: '人数 — persons' })
  persons!: number;
}

@Directive('@key(fields: "groupId")')
@ObjectType({
  description: '统计分组结果 — the measures of one group; measures are null where suppressed (a small cell) or where they do not apply to the grouping',
})
export class AnalyticsGroup {
  // Not an `id`: row ids are UUIDs (the input guard checks them), this one carries the selection.
  @Field({ description: '分组标识 — opaque key of the group within its request' })
  groupId!: string;

  @Field(() => AnalyticsGroupKey, { description: '分组 — what the group stands for' })
  key!: AnalyticsGroupKey;

  @Field({ description: '已屏蔽 — measures withheld: fewer than 3 persons, and the caller is a partner (small cells may identify someone)' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: '被记分人数 — distinct persons scored (S1), each once' })
  personsScored!: number | null;

  @Field(() => Int, { nullable: true, description: '记分记录数 — score records' })
  scoreRecords!: number | null;

  @Field(() => Int, { nullable: true, description: '记分总分 — points given (after appeals and repairs)' })
  points!: number | null;

  @Field(() => [PointsBucket], {
    nullable: true,
    description: '记分分布 — persons by their year total after their last decision in the group: 1–2, 3–5, 6–8, 9–11, 12+ (S6–S7)',
  })
  pointsDistribution!: PointsBucket[] | null;

  @Field(() => Int, { nullable: true, description: '暂停人次 — suspensions decided (S7), by their first day; annulled ones left out' })
  suspensions!: number | null;

  @Field(() => Int, { nullable: true, description: '终止人次 — terminations decided (S7), by their first day; annulled ones left out' })
  terminations!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '超比例机构数 — institutions whose suspended and terminated person-times reach the S10 share of their personnel (002 art.30); only for one natural year, grouped by region, institution or kind, without category or item filters',
  })
  institutionsOverRatio!: number | null;
}

@ObjectType({ description: '统计结果 — the groups of one analytics request' })
export class Analytics {
  @Field({ description: '区划前缀 — region prefix aggregated' })
  regionPrefix!: string;

  @Field({ description: '起始月份 — first month, YYYY-MM' })
  fromMonth!: string;

  @Field({ description: '截止月份 — last month, YYYY-MM' })
  toMonth!: string;

  @Field(() => [AnalyticsDimension], { description: '统计维度 — dimensions grouped by' })
  groupBy!: AnalyticsDimension[];

  @Field(() => [AnalyticsGroup], { description: '分组 — the groups, in the order of their keys' })
  groups!: AnalyticsGroup[];
}
