import { AnalyticsDimension, INSTITUTION_KIND_ENUM, PERSONNEL_CATEGORY_ENUM } from '@pq/graphql';
import { registerEnumType } from 'type-graphql';
import { InstitutionKind, PersonnelCategory } from '../domain/analytics';
import { SanctionKind, SanctionState } from '../domain/outcome';
import { Responsibility, TierAdjustment } from '../domain/points';
import { RatioMeasure } from '../domain/institution-ratio';
import { RepairStatus } from '../domain/repair';
import { RestorationStatus } from '../domain/restoration';
import { DecisionType } from '../domain/score-decision';

registerEnumType(Responsibility, {
  name: 'Responsibility',
  description: '责任程度 — degree of responsibility (002 art.25)',
  valuesConfig: {
    GENERAL: { description: '一般责任 — general: lowest points of the tier' },
    IMPORTANT: { description: '重要责任 — important: middle of the tier' },
    MAIN: { description: '主要责任 — main: highest points of the tier' },
  },
});

registerEnumType(TierAdjustment, {
  name: 'TierAdjustment',
  description: "从轻从重方式 — how mitigation or aggravation moves the points, the agency's choice in each decision (002 art.25)",
  valuesConfig: {
    WITHIN_TIER: {
      description: '同档次内从轻（从重） — lighter (heavier) within the same tier: one responsibility position down (up), never leaving the tier',
    },
    ONE_TIER: { description: '减轻（加重）一档 — one tier lower (higher): the adjacent tier, at the same responsibility position' },
  },
});

registerEnumType(SanctionKind, {
  name: 'SanctionKind',
  description: '处理类型 — outcome of a scoring (002 art.29)',
  valuesConfig: {
    NOTIFICATION: { description: '通报 — the institution is notified' },
    INTERVIEW: { description: '约谈 — the institution interviews the person' },
    SUSPENSION: { description: '暂停医保支付资格 — payment qualification suspended' },
    TERMINATION: { description: '终止医保支付资格 — payment qualification terminated' },
  },
});

registerEnumType(SanctionState, {
  name: 'SanctionState',
  description: '处理状态 — whether an outcome is in force',
  valuesConfig: {
    RECORDED: { description: '已记录 — a notification or interview, nothing to enforce' },
    IN_FORCE: { description: '执行中 — in force until restoration' },
    REPLACED: { description: '已被替代 — replaced by a longer suspension or a termination' },
    LIFTED: { description: '已解除 — restoration approved or decision changed on appeal' },
  },
});

registerEnumType(DecisionType, {
  name: 'DecisionType',
  description: '决定类型 — the decision scores follow (002 art.24)',
  valuesConfig: {
    ADMINISTRATIVE_PENALTY: { description: '行政处罚 — administrative penalty by the insurance administration' },
    AGREEMENT_HANDLING: { description: '协议处理 — agreement handling by the agency' },
  },
});

registerEnumType(RestorationStatus, {
  name: 'RestorationStatus',
  description: '资格恢复申请状态 — status of a restoration application (S13)',
  valuesConfig: {
    APPLIED: { description: "已申请 — waiting for the agency's decision" },
    APPROVED: { description: '同意恢复 — approved: status normal again' },
    REJECTED: { description: '不予恢复 — refused, with the reason' },
  },
});

registerEnumType(RepairStatus, {
  name: 'RepairStatus',
  description: '记分修复申请状态 — status of a repair application (S12)',
  valuesConfig: {
    APPLIED: { description: "已申请 — waiting for the institution's review" },
    INSTITUTION_AGREED: { description: "机构同意 — waiting for the agency's decision" },
    INSTITUTION_REFUSED: { description: '机构不同意 — refused by the institution' },
    APPROVED: { description: '同意修复 — points reduced and/or period shortened' },
    REJECTED: { description: '不予修复 — refused by the agency' },
  },
});

registerEnumType(RatioMeasure, {
  name: 'RatioMeasure',
  description: '机构比例处理 — measure triggered by the share of sanctioned personnel (S10)',
  valuesConfig: {
    NONE: { description: '无 — below the thresholds' },
    PAYMENTS_HELD: { description: '暂缓拨付 — settlement payments held' },
    AGREEMENT_SUSPENSION: { description: '中止协议 — the agreement is to be suspended' },
  },
});

registerEnumType(AnalyticsDimension, {
  name: 'AnalyticsDimension',
  description: '统计维度 — what analytics group by',
  valuesConfig: {
    REGION: { description: "医保区划 — the institution's 6-digit insurance region" },
    INSTITUTION: { description: '定点医药机构 — the institution where the behaviour happened' },
    INSTITUTION_KIND: { description: '机构类别 — medical institution or retail pharmacy (G0)' },
    PERSONNEL_CATEGORY: { description: "人员类别 — the person's category (R1)" },
    VIOLATION_ITEM: { description: '负面情形 — the violation item of the rule set it was scored under (S2)' },
    MONTH: { description: '月份 — the month of the decision (S1) or of the first day of a sanction' },
  },
});

// Agreements' and registry's enums, so filters and keys compose with theirs.
registerEnumType(InstitutionKind, INSTITUTION_KIND_ENUM);

registerEnumType(PersonnelCategory, PERSONNEL_CATEGORY_ENUM);
