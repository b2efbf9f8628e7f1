import type { RuleSetParameters, Tier } from './rule-set';

/**
 * The national and Jining rule sets as the table tests' fixtures. Installations read rule sets from
 * the database only: migration 0001 froze these values as they shipped, administrators add versions.
 */
export interface ShippedRuleSet {
  id: string;
  name: string;
  regionPrefix: string;
  effectiveFrom: string;
  parameters: RuleSetParameters;
  items: { code: string; title: string; tier: number }[];
}

const NATIONAL_TIERS: Tier[] = [
  { min: 1, max: 3 },
  { min: 4, max: 6 },
  { min: 7, max: 9 },
  { min: 10, max: 12 },
];

const COMMON_DEADLINES = { noticeIssueWorkingDays: 5, noticeDeliveryWorkingDays: 3, appealWorkingDays: 10 };
/** S10: the provincial example (20–50 % → settlement payments held; ≥ 50 % → agreement suspended). */
const INSTITUTION_RATIO = { institutionRatio: { holdPaymentsFrom: 0.2, suspendAgreementFrom: 0.5 } };

/** National guidance (医保发〔2024〕23号) and the handling procedure (002 art.25–29). */
export const NATIONAL_RULE_SET: ShippedRuleSet = {
  id: 'national-2025',
  name: '国家医保支付资格记分规则（2025）',
  regionPrefix: '',
  effectiveFrom: '2025-01-01',
  parameters: {
    tiers: NATIONAL_TIERS,
    interviewAt: null,
    suspensionBands: [
      { minTotal: 9, maxTotal: 9, monthsCumulative: 1, monthsOneShot: 4 },
      { minTotal: 10, maxTotal: 10, monthsCumulative: 2, monthsOneShot: 5 },
      { minTotal: 11, maxTotal: 11, monthsCumulative: 3, monthsOneShot: 6 },
    ],
    terminateAt: 12,
    banYearsCumulative: 1,
    banYearsOneShot: 3,
    consecutiveYears: null,
    ...INSTITUTION_RATIO,
    ...COMMON_DEADLINES,
  },
  items: [
    {
      code: 'N1-01',
      title: '所在机构受到协议处理且负有责任 — the institution got an agreement handling with a contract penalty and the person shares responsibility',
      tier: 1,
    },
    { code: 'N1-02', title: "未按规定核验参保人员身份 — insured person's identity not verified as required", tier: 1 },
    {
      code: 'N2-01',
      title: '违反《医疗保障基金使用监督管理条例》第三十八条受到行政处罚 — administrative penalty under art.38 of the fund-use regulation',
      tier: 2,
    },
    {
      code: 'N2-02',
      title: '违反《医疗保障基金使用监督管理条例》第三十九条受到行政处罚 — administrative penalty under art.39 of the fund-use regulation',
      tier: 2,
    },
    { code: 'N2-03', title: '超出登记备案的执业地点、类别、范围执业 — practising outside the registered site, category or scope', tier: 2 },
    {
      code: 'N3-01',
      title: "为未登记备案或被暂停、终止人员提供冒名结算 — letting an unregistered, suspended or terminated person settle under one's name",
      tier: 3,
    },
    { code: 'N3-02', title: '年度内同一违规行为再次发生 — repeating a violation within the year', tier: 3 },
    { code: 'N4-01', title: '违反条例第四十条欺诈骗保受到行政处罚 — administrative penalty for fraud under art.40', tier: 4 },
    { code: 'N4-02', title: '执业证书被注销或吊销 — licence to practise cancelled or revoked', tier: 4 },
  ],
};

/** Jining (000, 济医保发〔2024〕7号): fixed deductions 1/3/6/12, interview at 5, 3 or 6 months, three-year rule. */
export const JINING_RULE_SET: ShippedRuleSet = {
  id: 'jining-2024',
  name: '济宁市医保支付资格记分规则（2024）',
  regionPrefix: '3708',
  effectiveFrom: '2024-01-01',
  parameters: {
    tiers: [
      { min: 1, max: 1 },
      { min: 3, max: 3 },
      { min: 6, max: 6 },
      { min: 12, max: 12 },
    ],
    interviewAt: 5,
    suspensionBands: [
      { minTotal: 6, maxTotal: 8, monthsCumulative: 3, monthsOneShot: 3 },
      { minTotal: 9, maxTotal: 11, monthsCumulative: 6, monthsOneShot: 6 },
    ],
    terminateAt: 12,
    banYearsCumulative: 1,
    banYearsOneShot: 3,
    consecutiveYears: { years: 3, minTotal: 9 },
    ...INSTITUTION_RATIO,
    ...COMMON_DEADLINES,
  },
  items: [
    { code: 'JN1-01', title: '未按规定核验参保人员身份或未规范书写病历 — identity not verified or records not kept as required (每次扣1分)', tier: 1 },
    { code: 'JN2-01', title: '不合理检查、用药或超范围收费 — unreasonable tests, drugs or charges outside scope (每次扣3分)', tier: 2 },
    { code: 'JN3-01', title: '分解住院、挂床住院或串换项目 — split or phantom stays, swapped items (每次扣6分)', tier: 3 },
    { code: 'JN4-01', title: '伪造医疗文书或票据骗取医保基金 — forged records or receipts to defraud the fund (每次扣12分)', tier: 4 },
  ],
};
