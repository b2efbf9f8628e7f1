import { ConnectionType, DateScalar } from '@pq/graphql';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DesignationAction } from '../domain/designation';
import { InstitutionKind } from '../domain/institution';
import { DesignationApplication } from '../entities/designation-application';
import { InformationChange } from '../entities/information-change';

@InputType({ description: '申请条件 — what the applicant declares (G2, G4)' })
export class DesignationConditionsInput {
  @Field(() => Int, { description: '运营月数 — months in operation' }) operatingMonths!: number;
  @Field(() => Int, { description: '参保缴费月数 — months of social-insurance contributions' }) contributionMonths!: number;
  @Field({ description: '医保管理制度 — internal insurance rules' }) hasInsuranceRules!: boolean;
  @Field({ description: '信息系统接口 — IT interface' }) hasItInterface!: boolean;
  @Field(() => Int, { description: '医保工作人员 — insurance staff' }) insuranceStaff!: number;
  @Field(() => Int, { nullable: true, description: '第一注册地医师数 — doctors first registered here (medical)' }) doctorsFirstRegisteredHere?: number;
  @Field(() => Int, { nullable: true, description: '床位数 — beds (medical)' }) beds?: number;
  @Field({ nullable: true, description: '医保管理部门 — internal insurance department (medical)' }) hasInsuranceDepartment?: boolean;
  @Field(() => Int, { nullable: true, description: '执业药师数 — licensed pharmacists (pharmacy)' }) licensedPharmacists?: number;
  @Field(() => Int, { nullable: true, description: '一年以上合同医保人员 — insurance staff on year contracts (pharmacy)' })
  insuranceStaffOnYearContracts?: number;
  @Field({ nullable: true, description: '药品经营许可证 — drug-business licence (pharmacy)' }) hasDrugBusinessLicence?: boolean;
  @Field({ nullable: true, description: '主要提供非基本医疗服务 — mainly non-basic services (G4)' }) mainlyNonBasicServices?: boolean;
  @Field({ nullable: true, description: '价格符合规定 — prices per policy (G4)' }) pricesPerPolicy?: boolean;
  @Field({ nullable: true, description: '申请住院定点 — inpatient designation (G11)' }) inpatient?: boolean;
  @Field({ nullable: true, description: '失信名单 — on the dishonest list (G4)' }) onDishonestList?: boolean;
  @Field({ nullable: true, description: '负责人5年内导致解除 — principal caused a termination within 5 years (G4)' })
  principalCausedTerminationWithinFiveYears?: boolean;
  @Field({ nullable: true, description: '处罚未履行 — penalty not carried out (G4)' }) penaltyNotCarriedOut?: boolean;
}

@InputType({ description: '定点申请 — apply for designation (003 art.6–11)' })
export class SubmitDesignationInput {
  @Field(() => ID, { description: '定点医药机构代码 — the code' }) institutionCode!: string;
  @Field({ description: '机构名称 — name' }) name!: string;
  @Field(() => InstitutionKind, { description: '机构类别 — kind' }) kind!: InstitutionKind;
  @Field({ description: '医保区划 — region' }) regionCode!: string;
  @Field({ nullable: true, description: '投资主体 — owner' }) owner?: string;
  @Field(() => DesignationConditionsInput, { description: '申请条件 — conditions' }) conditions!: DesignationConditionsInput;
  @Field(() => [String], { description: '申报材料 — documents (G3)' }) materials!: string[];
  @Field(() => DateScalar, { nullable: true, description: '提交日期 — the day the application was received: default today, never in the future' })
  submittedOn?: string;
  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: '申请处理 — the next step of a designation application (G5–G8)' })
export class DesignationStepInput {
  @Field(() => ID, { description: '申请标识 — the application' }) applicationId!: string;
  @Field(() => DesignationAction, { description: '操作 — the step' }) action!: DesignationAction;
  @Field({ nullable: true, description: '说明 — note, e.g. the notice text' }) note?: string;
  @Field({ nullable: true, description: '已现场评估 — on-site evaluation done (medical)' }) onSiteEvaluated?: boolean;
  @Field({ nullable: true, description: '材料弄虚作假 — materials falsified (bars 3 years)' }) falsifiedMaterials?: boolean;
  @Field(() => [String], { nullable: true, description: '补充材料 — supplemented documents' }) materials?: string[];
  @Field(() => DateScalar, {
    nullable: true,
    description: '日期 — the day the step was taken: default today, never in the future, never before the step before it; the next deadline counts from it',
  })
  on?: string;
  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: '基金闸门 — close or open inpatient designation applications in a region for a year (G11)' })
export class FundGateInput {
  @Field({ description: '区划前缀 — region prefix' }) regionPrefix!: string;
  @Field(() => Int, { description: '年度 — year' }) year!: number;
  @Field({ description: '暂停受理住院定点 — inpatient applications closed' }) inpatientClosed!: boolean;
  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: '信息变更 — file an important change (G10)' })
export class InformationChangeInput {
  @Field(() => ID, { description: '定点医药机构代码 — the institution' }) institutionCode!: string;
  @Field(() => DateScalar, { description: '变更日期 — when it changed' }) changedOn!: string;
  @Field({ nullable: true, description: '名称 — name' }) name?: string;
  @Field({ nullable: true, description: '法定代表人 — legal representative' }) legalRepresentative?: string;
  @Field({ nullable: true, description: '主要负责人 — principal' }) principal?: string;
  @Field({ nullable: true, description: '投资主体 — owner' }) owner?: string;
  @Field({ nullable: true, description: '级别 — level' }) level?: string;
  @Field(() => Int, { nullable: true, description: '床位 — beds' }) beds?: number;
  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@InputType({ description: '信息变更审核 — the agency reviews a filed change (G10)' })
export class ReviewInformationChangeInput {
  @Field(() => ID, { description: '变更标识 — the change' }) changeId!: string;
  @Field({ description: '同意 — approve' }) approve!: boolean;
  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '审查发现 — what the completeness review weighs' })
export class DesignationFindings {
  @Field(() => [String], { description: '不予受理理由 — conditions not met and reasons not to accept (G2, G4, G6, G11)' }) refusals!: string[];
  @Field(() => [String], { description: '缺少材料 — documents missing (G3)' }) missingMaterials!: string[];
}

@ObjectType({ description: '申请处理结果 — the application' })
export class DesignationPayload {
  @Field(() => DesignationApplication, { description: '申请 — the application' }) application!: DesignationApplication;
}

@ObjectType({ description: '信息变更结果 — the change' })
export class InformationChangePayload {
  @Field(() => InformationChange, { description: '信息变更 — the change' }) change!: InformationChange;
}

export const DesignationApplicationConnection = ConnectionType(DesignationApplication, 'DesignationApplication', '定点申请');
export type DesignationApplicationConnection = InstanceType<typeof DesignationApplicationConnection>;
