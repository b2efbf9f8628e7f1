import { DateScalar } from '@pq/kit';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Appeal } from '../entities/appeal';

@Directive('@key(fields: "code")')
@ObjectType({ description: '医药机构相关人员 — a registered person; appeals adds their appeals' })
export class Person {
  @Field(() => ID, { description: '医保相关人员代码 — national personnel code' })
  code!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: '记分记录 — a score record, owned by scoring; appeals adds the appeals against it' })
export class ScoreRecord {
  @Field(() => ID, { description: '记分记录标识 — score record id' })
  id!: string;
}

@InputType({ description: '提出申诉 — a written appeal (002 form 5)' })
export class FileAppealInput {
  @Field(() => ID, { description: '记分记录标识 — the score record appealed against' })
  scoreRecordId!: string;

  @Field(() => DateScalar, { nullable: true, description: '受理日期 — date the agency received the appeal; default today' })
  receivedOn?: string;

  @Field({ description: '申诉理由 — grounds' })
  statement!: string;

  @Field({ description: '本人签字 — signed by the person' })
  signedByPerson!: boolean;

  @Field({ description: '机构盖章 — stamped by the institution' })
  stampedByInstitution!: boolean;

  @Field(() => String, { nullable: true, description: '幂等键 — repeating a call with the same key returns the first result and changes nothing' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: '申诉结果 — the appeal as filed' })
export class FileAppealPayload {
  @Field(() => Appeal, { description: '申诉 — the appeal' })
  appeal!: Appeal;
}
