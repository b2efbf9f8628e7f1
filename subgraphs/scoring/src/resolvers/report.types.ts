import { ConnectionType, DateScalar } from '@pq/graphql';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { RatioMeasure } from '../domain/institution-ratio';
import { RepairApplication } from '../entities/repair-application';
import { ScoreRecord } from '../entities/score-record';

@ObjectType({ description: "机构年度记分情况 — an institution's scoring figures for a year (S10, S14)" })
export class InstitutionScoringFigures {
  @Field(() => ID, { description: '定点医药机构代码 — the institution' })
  institutionCode!: string;

  @Field(() => Int, { description: '年度 — year' })
  year!: number;

  @Field(() => Int, { description: '被记分人数 — persons scored for behaviour here' })
  scoredPersons!: number;

  @Field(() => Int, { description: '记分总分 — points given for behaviour here' })
  points!: number;

  @Field(() => Int, { description: '暂停人次 — suspensions decided' })
  suspensions!: number;

  @Field(() => Int, { description: '终止人次 — terminations decided' })
  terminations!: number;

  @Field(() => Int, { description: '登记备案人数 — personnel registered here' })
  registeredPersonnel!: number;

  @Field(() => Float, { description: '暂停终止人次占比 — suspended and terminated person-times over registered personnel' })
  sanctionedShare!: number;

  @Field(() => RatioMeasure, { description: '比例处理 — what the share triggers (S10)' })
  measure!: RatioMeasure;
}

@ObjectType({ description: '年度记分汇总 — the yearly regional summary reported by 5 January (S14)' })
export class YearlySummary {
  @Field({ description: '区划前缀 — region prefix' })
  regionPrefix!: string;

  @Field(() => Int, { description: '年度 — year' })
  year!: number;

  @Field(() => DateScalar, { description: '报送截止日期 — due by 5 January of the next year' })
  dueBy!: string;

  @Field(() => Int, { description: '被记分人数 — persons scored (each once)' })
  scoredPersons!: number;

  @Field(() => Int, { description: '记分记录数 — score records' })
  scoreRecords!: number;

  @Field(() => Int, { description: '记分总分 — points' })
  points!: number;

  @Field(() => Int, { description: '暂停人次 — suspensions' })
  suspensions!: number;

  @Field(() => Int, { description: '终止人次 — terminations' })
  terminations!: number;

  @Field(() => [InstitutionScoringFigures], { description: '各机构情况 — per institution' })
  institutions!: InstitutionScoringFigures[];
}

@InputType({ description: '记分修复申请 — apply to repair points after rectification (S12, form 4)' })
export class ApplyForRepairInput {
  @Field(() => ID, { description: '医保相关人员代码 — the person' })
  personCode!: string;

  @Field(() => ID, { description: '定点医药机构代码 — the institution that reviews it' })
  institutionCode!: string;

  @Field({ description: '整改情况 — what was rectified' })
  statement!: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: '机构审核 — the institution agrees or refuses (S12)' })
export class ReviewRepairInput {
  @Field(() => ID, { description: '申请标识 — the application' })
  applicationId!: string;

  @Field({ description: '同意 — agree' })
  agree!: boolean;

  @Field({ nullable: true, description: '审核意见 — note' })
  note?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: '审核日期 — the day the institution reviewed it; default today, never in the future nor before the application',
  })
  reviewedOn?: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: '修复决定 — the agency reduces points and/or shortens the period, or refuses (S12)' })
export class DecideRepairInput {
  @Field(() => ID, { description: '申请标识 — the application' })
  applicationId!: string;

  @Field({ description: '同意 — approve' })
  approve!: boolean;

  @Field(() => Int, { nullable: true, description: "减免分值 — points taken off the year's total" })
  pointsReduction?: number;

  @Field(() => DateScalar, { nullable: true, description: '缩短后截止日期 — new end of the period in force' })
  newUntil?: string;

  @Field({ nullable: true, description: '理由 — reason (required to refuse)' })
  reason?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "决定日期 — the day the agency decided; default today, never in the future nor before the institution's review. Points come off the year from this day",
  })
  decidedOn?: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '修复申请结果 — the application' })
export class RepairPayload {
  @Field(() => RepairApplication, { description: '申请 — the application' })
  application!: RepairApplication;
}

export const ScoreRecordConnection = ConnectionType(ScoreRecord, 'ScoreRecord', '记分记录');
export type ScoreRecordConnection = InstanceType<typeof ScoreRecordConnection>;
