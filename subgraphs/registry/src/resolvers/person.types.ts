import { ConnectionType, DateScalar, DateTimeScalar, Node } from '@pq/graphql';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Gender, PersonnelCategory, RegistrationStatus } from '../domain/personnel';
import { Person } from '../entities/person';
import { Registration } from '../entities/registration';

@Directive('@key(fields: "code")')
@ObjectType({ implements: Node, description: '定点医药机构 — an institution, owned by the agreements subgraph; registry adds its personnel and its global id' })
export class Institution {
  @Field(() => ID, { description: '定点医药机构代码 — institution code' })
  code!: string;
}

@ObjectType({ description: "状态变更 — one stretch of a registration's status, with its cause (一医一档, R11)" })
export class StatusChange {
  @Field(() => RegistrationStatus, { description: '状态 — status enforced during the stretch, as known on each of its days' })
  status!: RegistrationStatus;

  @Field(() => RegistrationStatus, { description: '复核后状态 — the status of those days once every later decision is known (002 art.44)' })
  statusAfterReview!: RegistrationStatus;

  @Field({ description: '申诉撤销 — the status enforced was annulled later on appeal: refundable at liquidation (002 art.47–48)' })
  annulled!: boolean;

  @Field(() => DateScalar, { description: '起始日期 — first day' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: '截止日期 — last day; empty while it lasts' })
  until!: string | null;

  @Field({ description: '原因 — cause: registration, sanction, agreement measure, cancellation' })
  cause!: string;

  @Field(() => String, { nullable: true, description: '依据文书 — decision document behind the change' })
  basisDocument!: string | null;

  @Field(() => ID, { description: '登记备案标识 — the registration that changed' })
  registrationId!: string;

  @Field(() => Institution, { description: '定点医药机构 — where' })
  institution!: Institution;
}

@InputType({ description: '人员筛选 — filter for the personnel list' })
export class PersonFilter {
  @Field(() => ID, { nullable: true, description: '定点医药机构代码 — registered (not cancelled) at this institution' })
  institutionCode?: string;

  @Field(() => RegistrationStatus, { nullable: true, description: '在该机构的登记备案状态 — with institutionCode: the registration status there' })
  registrationStatus?: RegistrationStatus;

  @Field({ nullable: true, description: '区划前缀 — region-code prefix of the personnel code' })
  regionPrefix?: string;

  @Field(() => RegistrationStatus, { nullable: true, description: '人员状态 — person-level status' })
  status?: RegistrationStatus;

  @Field(() => PersonnelCategory, { nullable: true, description: '人员类别 — category' })
  category?: PersonnelCategory;

  @Field({ nullable: true, description: '姓名前缀 — name starts with' })
  namePrefix?: string;

  @Field(() => [RegistrationStatus], { nullable: true, description: '人员状态之一 — person-level status is one of these' })
  statuses?: RegistrationStatus[];
}

export const PersonConnection = ConnectionType(Person, 'Person', '人员');
export type PersonConnection = InstanceType<typeof PersonConnection>;

@InputType({ description: '登记备案筛选 — filter for the registration list' })
export class RegistrationFilter {
  @Field(() => ID, { nullable: true, description: '定点医药机构代码 — registrations at this institution' })
  institutionCode?: string;

  @Field(() => ID, { nullable: true, description: '医保相关人员代码 — registrations of this person' })
  personCode?: string;

  @Field(() => [RegistrationStatus], { nullable: true, description: '登记备案状态 — registrations with one of these statuses' })
  statuses?: RegistrationStatus[];

  @Field(() => DateTimeScalar, { nullable: true, description: '更新起始时间 — registrations or status histories changed at or after this time' })
  updatedSince?: Date;
}

export const RegistrationConnection = ConnectionType(Registration, 'Registration', '登记备案');
export type RegistrationConnection = InstanceType<typeof RegistrationConnection>;

@InputType({ description: '登记备案人员 — one person in a registration batch (002 form 2)' })
export class PersonnelEntry {
  @Field(() => ID, { description: '医保相关人员代码 — national personnel code' })
  code!: string;

  @Field({ description: '姓名 — name' })
  name!: string;

  @Field({ description: '身份证件号码 — 18-digit resident ID number' })
  idNumber!: string;

  @Field(() => PersonnelCategory, { description: '人员类别 — category' })
  category!: PersonnelCategory;

  @Field(() => Gender, { nullable: true, description: '性别 — gender; default: from the ID number' })
  gender?: Gender;

  @Field({ nullable: true, description: '联系电话 — phone' })
  phone?: string;

  @Field({ nullable: true, description: '执业类型 — practice type' })
  practiceType?: string;

  @Field({ nullable: true, description: '执业类别 — practice category' })
  practiceCategory?: string;

  @Field({ nullable: true, description: '执业范围 — practice scope' })
  practiceScope?: string;

  @Field({ nullable: true, description: '专业技术职务 — professional title' })
  professionalTitle?: string;

  @Field(() => DateScalar, { nullable: true, description: '登记备案日期 — default: today' })
  registeredOn?: string;
}

@InputType({ description: '批量登记备案 — a registration batch by one institution (002 art.13)' })
export class RegisterPersonnelInput {
  @Field(() => ID, { description: '定点医药机构代码 — the registering institution' })
  institutionCode!: string;

  @Field(() => [PersonnelEntry], { description: '人员 — the people' })
  people!: PersonnelEntry[];

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '登记备案结果 — the registrations created' })
export class RegisterPersonnelPayload {
  @Field(() => [Registration], { description: '登记备案 — one per person, in input order' })
  registrations!: Registration[];
}

@InputType({ description: '签署服务承诺 — the service commitment of a registration (R8, form 1)' })
export class SignCommitmentInput {
  @Field(() => ID, { description: '登记备案标识 — the registration' })
  registrationId!: string;

  @Field(() => DateScalar, { nullable: true, description: '签署日期 — default: today' })
  signedOn?: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '签署结果 — the registration with its commitment' })
export class SignCommitmentPayload {
  @Field(() => Registration, { description: '登记备案 — the registration' })
  registration!: Registration;
}

@InputType({ description: '取消登记备案 — the person left the institution (R4)' })
export class CancelRegistrationInput {
  @Field(() => ID, { description: '登记备案标识 — the registration' })
  registrationId!: string;

  @Field(() => DateScalar, { nullable: true, description: '取消日期 — default: today' })
  on?: string;

  @Field({ description: '原因 — contract ended, retirement, moved…' })
  reason!: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '取消结果 — the cancelled registration' })
export class CancelRegistrationPayload {
  @Field(() => Registration, { description: '登记备案 — the registration' })
  registration!: Registration;
}

@InputType({ description: "人员信息更正 — the agency corrects a person's data on file (一医一档); absent fields stay" })
export class CorrectPersonDataInput {
  @Field(() => ID, { description: '医保相关人员代码 — the person' })
  personCode!: string;

  @Field({ nullable: true, description: '姓名 — corrected name' })
  name?: string;

  @Field({ nullable: true, description: '身份证件号码 — corrected ID number; its birth date and gender follow unless given' })
  idNumber?: string;

  @Field(() => DateScalar, { nullable: true, description: '出生日期 — corrected birth date; must agree with the ID number' })
  birthDate?: string;

  @Field(() => Gender, { nullable: true, description: '性别 — corrected gender' })
  gender?: Gender;

  @Field({ nullable: true, description: '联系电话 — corrected phone; empty removes it' })
  phone?: string;

  @Field({ description: '依据文书 — the document the correction rests on (audited)' })
  basisDocument!: string;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '更正结果 — the person after the correction' })
export class CorrectPersonDataPayload {
  @Field(() => Person, { description: '人员 — the person' })
  person!: Person;

  @Field(() => [String], { description: '更正的字段 — the fields that changed: name, idNumber, birthDate, gender, phone' })
  correctedFields!: string[];
}
