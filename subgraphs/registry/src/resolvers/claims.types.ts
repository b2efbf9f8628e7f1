import { DateScalar } from '@pq/graphql';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { RegistrationStatus } from '../domain/personnel';

@ObjectType({ description: '医保支付资格判定 — whether a service on a date is paid by the fund (E1)' })
export class Eligibility {
  @Field({ description: '是否可支付 — payable by the fund' })
  payable!: boolean;

  @Field({ description: '理由 — why, as a sentence' })
  reason!: string;

  @Field(() => RegistrationStatus, { description: '当日登记备案状态 — registration status at the institution on that date, as it was enforced then' })
  status!: RegistrationStatus;

  @Field(() => RegistrationStatus, {
    description: '复核后状态 — the status of that date once every later decision is known: what an appeal changed (002 art.44)',
  })
  statusAfterReview!: RegistrationStatus;

  @Field({
    description:
      '申诉撤销 — the suspension or termination enforced that day was later annulled on appeal: a clawback for it is refunded at liquidation (002 art.47–48)',
  })
  annulled!: boolean;
}

@InputType({ description: '结算明细 — one claim line of a settlement (E2–E3)' })
export class ClaimInput {
  @Field(() => ID, { description: '明细标识 — line id' })
  lineId!: string;

  @Field(() => ID, { description: '医保相关人员代码 — who provided the service' })
  personCode!: string;

  @Field(() => ID, { description: '定点医药机构代码 — where' })
  institutionCode!: string;

  @Field(() => DateScalar, { description: '服务日期 — service date' })
  serviceDate!: string;

  @Field({ nullable: true, defaultValue: false, description: '急诊、抢救 — emergency or rescue' })
  emergency!: boolean;

  @Field(() => Float, { description: '金额 — amount settled by the fund' })
  amount!: number;
}

@ObjectType({ description: '拒付明细 — a claim line not payable' })
export class ClaimRejection {
  @Field(() => ID, { description: '明细标识 — line id' })
  lineId!: string;

  @Field({ description: '理由 — why not payable' })
  reason!: string;

  @Field(() => RegistrationStatus, { description: '当日状态 — the registration status on the service date' })
  status!: RegistrationStatus;
}

@ObjectType({ description: '结算审核结果 — monthly settlement audit of claim lines against statuses (E2–E3)' })
export class ClaimAuditResult {
  @Field(() => Int, { description: '审核条数 — lines checked' })
  checked!: number;

  @Field(() => Int, { description: '拒付条数 — lines not payable' })
  rejectedCount!: number;

  @Field(() => Float, { description: '应追回金额 — amount not payable (to recover if already paid)' })
  rejectedAmount!: number;

  @Field(() => [ClaimRejection], { description: '拒付明细 — the lines not payable' })
  rejected!: ClaimRejection[];
}

@ObjectType({ description: '公开状态 — what appointment platforms may show patients (R10): no personal data' })
export class PublicPersonStatus {
  @Field(() => ID, { description: '医保相关人员代码 — personnel code' })
  code!: string;

  @Field({ description: '姓名 — name' })
  name!: string;

  @Field(() => String, { description: '人员类别 — category' })
  category!: string;

  @Field(() => RegistrationStatus, { description: '人员状态 — status' })
  status!: RegistrationStatus;
}
