import { ConnectionType, DateScalar } from '@pq/graphql';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AgreementStatus, InstitutionKind } from '../domain/institution';
import { Agreement } from '../entities/agreement';
import { Institution } from '../entities/institution';

@InputType({ description: '机构筛选 — filter for the institution list' })
export class InstitutionFilter {
  @Field(() => InstitutionKind, { nullable: true, description: '机构类别 — only this kind' })
  kind?: InstitutionKind;

  @Field({ nullable: true, description: '区划前缀 — region-code prefix, e.g. "37" (a province) or "3708" (a city)' })
  regionPrefix?: string;

  @Field(() => AgreementStatus, { nullable: true, description: '协议状态 — only institutions whose current agreement has this status' })
  agreementStatus?: AgreementStatus;

  @Field({ nullable: true, description: '机构名称前缀 — name starts with' })
  namePrefix?: string;

  @Field({ nullable: true, description: '定点 — true: the current agreement is in force (ACTIVE); false: suspended, ended or none' })
  designated?: boolean;
}

export const InstitutionConnection = ConnectionType(Institution, 'Institution', '定点医药机构');
export type InstitutionConnection = InstanceType<typeof InstitutionConnection>;

@InputType({ description: '存量机构导入项 — one institution already designated, with its current agreement' })
export class InstitutionImport {
  @Field(() => ID, { description: '定点医药机构代码 — institution code' })
  code!: string;

  @Field({ description: '机构名称 — name' })
  name!: string;

  @Field(() => InstitutionKind, { description: '机构类别 — kind' })
  kind!: InstitutionKind;

  @Field({ description: '医保区划 — 6-digit region code' })
  regionCode!: string;

  @Field(() => DateScalar, { description: '协议生效日期 — current agreement valid from' })
  agreementValidFrom!: string;

  @Field(() => DateScalar, { description: '协议截止日期 — current agreement valid until' })
  agreementValidUntil!: string;

  @Field({ nullable: true, description: '投资主体/连锁企业 — owner (links chain pharmacies)' })
  owner?: string;

  @Field({ nullable: true, description: '机构级别 — level' })
  level?: string;

  @Field(() => Int, { nullable: true, description: '床位数 — beds' })
  beds?: number;

  @Field({ nullable: true, description: '法定代表人 — legal representative' })
  legalRepresentative?: string;

  @Field({ nullable: true, description: '主要负责人 — principal in charge' })
  principal?: string;

  @Field({ nullable: true, defaultValue: false, description: '公立医疗机构 — a public institution' })
  publicInstitution?: boolean;
}

@InputType({ description: '导入存量定点机构 — bring in institutions already designated (P4: older data must be importable)' })
export class ImportInstitutionsInput {
  @Field(() => [InstitutionImport], { description: '机构列表 — the institutions' })
  institutions!: InstitutionImport[];

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '导入结果 — the imported institutions' })
export class ImportInstitutionsPayload {
  @Field(() => [Institution], { description: '机构 — the institutions as stored' })
  institutions!: Institution[];
}

@InputType({
  description:
    "其他统筹地区医保协议 — an institution's agreement with the agency of another co-ordination region (统筹地区), signed there or brought in (003 art.33)",
})
export class RegionalAgreementInput {
  @Field(() => ID, { description: '定点医药机构代码 — the institution' })
  institutionCode!: string;

  @Field({ description: "统筹地区 — the 6-digit code of the co-ordination region the agreement is signed with (not the institution's own)" })
  regionCode!: string;

  @Field(() => DateScalar, { description: '协议生效日期 — valid from; with the region, it names the agreement (a repeated call updates its end)' })
  validFrom!: string;

  @Field(() => DateScalar, { description: '协议截止日期 — valid until' })
  validUntil!: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '其他统筹地区医保协议签订结果 — the institution and the agreement' })
export class RegionalAgreementPayload {
  @Field(() => Institution, { description: '定点医药机构 — the institution' })
  institution!: Institution;

  @Field(() => Agreement, { description: '医保协议 — the agreement with that region' })
  agreement!: Agreement;
}
