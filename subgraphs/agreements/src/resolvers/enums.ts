import { INSTITUTION_KIND_ENUM } from '@pq/graphql';
import { registerEnumType } from 'type-graphql';
import { AgreementAction, TerminationTrigger } from '../domain/agreement-machine';
import { DesignationAction, DesignationStatus } from '../domain/designation';
import { AgreementStatus, InstitutionKind } from '../domain/institution';

registerEnumType(InstitutionKind, INSTITUTION_KIND_ENUM);

registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: '协议状态 — status of a service agreement',
  valuesConfig: {
    ACTIVE: { description: '有效 — in force' },
    SUSPENDED: { description: '中止 — suspended (003 art.29)' },
    TERMINATED: { description: '解除 — terminated (003 art.30)' },
    EXPIRED: { description: '到期 — validity ended' },
  },
});

registerEnumType(AgreementAction, {
  name: 'AgreementAction',
  description: '协议处理类型 — a measure on an agreement',
  valuesConfig: {
    SUSPEND: { description: '中止 — suspend (003 art.29)' },
    RESUME: { description: '恢复 — resume after a suspension' },
    TERMINATE: { description: '解除 — terminate (003 art.30–33)' },
    REQUEST_RENEWAL: { description: '申请续签 — renewal asked for (003 art.19)' },
    RENEW: { description: '续签 — renewed for a year' },
    DECLINE_RENEWAL: { description: '不予续签 — not renewed: ends at expiry' },
  },
});

registerEnumType(TerminationTrigger, {
  name: 'TerminationTrigger',
  description: '解除情形 — why an agreement is terminated (003 art.30–33)',
  valuesConfig: {
    REPEATED_SUSPENSION: { description: '有效期内两次及以上中止 — suspended twice within one validity' },
    SUSPENSION_OVER_180_DAYS: { description: '中止超过180日未申请恢复 — suspended over 180 days without resuming' },
    NO_SETTLEMENT_180_DAYS: { description: '超过180日无结算 — no settlement for over 180 days' },
    FRAUD: { description: '欺诈骗保 — fraud' },
    SERIOUS_BREACH: { description: '严重违约 — serious breach of the agreement' },
    CHAIN_OWNER_TERMINATED: {
      description:
        "连锁总部责任致同一连锁药店被解除 — another pharmacy of the chain was terminated through its headquarters' legal representative, principal or actual controller (003 art.32(十五))",
    },
    HOME_REGION_TERMINATED: { description: "所在地统筹地区解除医保协议 — the agency of the institution's own region terminated its agreement (003 art.33 ¶2)" },
    INSTITUTION_REQUEST: { description: '机构申请解除 — the institution asked (3 months ahead; not public institutions)' },
  },
});

registerEnumType(DesignationStatus, {
  name: 'DesignationStatus',
  description: '定点申请状态 — where a designation application stands (003 art.11–18)',
  valuesConfig: {
    SUBMITTED: { description: '已提交 — completeness review due within 5 working days' },
    SUPPLEMENT_REQUESTED: { description: '补充材料 — supplement due within 5 working days' },
    NOT_ACCEPTED: { description: '不予受理 — not accepted' },
    ACCEPTED: { description: '已受理 — evaluation due within 3 months' },
    EVALUATION_FAILED: { description: '评估未通过 — failed; reapply after 3 months of rectification' },
    PUBLICITY: { description: '公示 — 7 working days of public notice' },
    SUPERVISION_PUBLICITY: { description: '监督公示 — 5 working days after the collective decision' },
    NEGOTIATION: { description: '协商谈判 — agreement to be signed within 1 month' },
    SIGNED: { description: '已签约 — agreement signed; IT hook-up due within 15 working days' },
    CONNECTED: { description: '已完成信息系统对接 — IT hook-up done (003 art.17)' },
    LAPSED: { description: '已失效 — a supplement or signing deadline passed' },
  },
});

registerEnumType(DesignationAction, {
  name: 'DesignationAction',
  description: '定点申请操作 — a step of a designation application',
  valuesConfig: {
    SUBMIT: { description: '提交申请 — the application was submitted' },
    ACCEPT: { description: '受理 — accept after the completeness review' },
    REQUEST_SUPPLEMENT: { description: '告知补充材料 — ask for missing documents' },
    SUPPLEMENT: { description: '补充材料 — the applicant supplements' },
    NOT_ACCEPT: { description: '不予受理 — not accepted, with the reasons' },
    PASS_EVALUATION: { description: '评估通过 — evaluation passed (medical: after the on-site evaluation)' },
    FAIL_EVALUATION: { description: '评估未通过 — evaluation failed' },
    COLLECTIVE_DECISION: { description: '集体决策 — collective decision after the publicity' },
    START_NEGOTIATION: { description: '协商谈判 — negotiation after the supervision publicity' },
    SIGN: { description: '签订协议 — agreement signed for one year' },
    CONFIRM_CONNECTION: { description: '确认信息系统对接 — the IT hook-up is done (003 art.17)' },
  },
});
