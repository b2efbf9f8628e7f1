import { WorkingDayCalendar } from '@pq/time/files';
import { SanctionKind, SanctionState } from './outcome';
import { Responsibility, TierAdjustment } from './points';
import { JINING_RULE_SET, NATIONAL_RULE_SET } from './rule-set.fixtures';
import { decideScores, decisionSanctions, DecisionType, ScoreDecisionFacts, ScoreDecisionInput, ScoreItem } from './score-decision';

const WEIHAI = 'H37100200015';
const JINING = 'H37080200090';
const tierOf = (rules: typeof NATIONAL_RULE_SET, tier: number) => rules.parameters.tiers[tier - 1];
const facts: ScoreDecisionFacts = {
  knownPersons: new Set(['D1', 'D2']),
  alreadyRecordedFor: new Set(),
  regionOf: new Map([
    [WEIHAI, '371002'],
    [JINING, '370802'],
    ['H99000000001', '990000'],
  ]),
  ruleSets: [NATIONAL_RULE_SET, JINING_RULE_SET],
  catalogue: [NATIONAL_RULE_SET, JINING_RULE_SET].flatMap((r) =>
    r.items.map((i) => ({ ruleSetId: r.id, code: i.code, minPoints: tierOf(r, i.tier).min, maxPoints: tierOf(r, i.tier).max })),
  ),
  refusedAt: (institutionCode) => (institutionCode === JINING ? 'agency 3710 may not act for 370802' : null),
};
const item = (violationCode: string, extra: Partial<ScoreItem> = {}): ScoreItem => ({
  personCode: 'D1',
  institutionCode: WEIHAI,
  violationCode,
  responsibility: Responsibility.MAIN,
  ...extra,
});
const input = (items: ScoreItem[]): ScoreDecisionInput => ({
  decisionType: DecisionType.ADMINISTRATIVE_PENALTY,
  documentNumber: '威医保罚〔2026〕1号',
  decidedOn: '2026-03-02',
  items,
});
const decide = (items: ScoreItem[], given: Partial<ScoreDecisionFacts> = {}) => decideScores(input(items), { ...facts, ...given }, new WorkingDayCalendar());

describe('decideScores — one inspection decision (S1–S8)', () => {
  test.each([
    ['a person scoring does not know', item('N1-01', { personCode: 'D9' }), {}, 'NOT_FOUND', /D9 is not registered/],
    ['a decision already recorded for the person', item('N1-01'), { alreadyRecordedFor: new Set(['D1']) }, 'INVALID_STATE', /already recorded for D1/],
    ['an institution that is not designated', item('N1-01', { institutionCode: 'H00000000000' }), {}, 'NOT_FOUND', /not a designated institution/],
    ["an institution outside the actor's reach", item('JN1-01', { institutionCode: JINING }), {}, 'FORBIDDEN', /may not act/],
    [
      'a region without a rule set in force',
      item('N1-01', { institutionCode: 'H99000000001' }),
      { ruleSets: [{ ...NATIONAL_RULE_SET, regionPrefix: '37' }] },
      'NOT_FOUND',
      /no rule set is in force/,
    ],
    ['a violation outside the catalogue of the rule set in force', item('JN1-01'), {}, 'NOT_FOUND', /not in the catalogue of 国家/],
    [
      '002 art.25: lighter within a tier of one value is impossible',
      item('N2-01', { responsibility: Responsibility.GENERAL, mitigation: true, adjustment: TierAdjustment.WITHIN_TIER }),
      {},
      'BAD_USER_INPUT',
      /within the tier 4–6/,
    ],
  ])('refused, per item: %s', (_rule, refused, given, code, message) => {
    const decision = decide([item('N1-01', { personCode: 'D2' }), refused], given);
    expect(decision).toEqual({ problems: [{ index: 1, code, message: expect.stringMatching(message) }] });
  });

  test('S3–S4, S8: one violation matching several situations counts once at its highest; the notice goes where the heaviest behaviour happened, due 5 and 3 working days on', () => {
    const decision = decide([
      item('N1-01', { violationRef: 'a' }),
      item('N2-01', { violationRef: 'a', responsibility: Responsibility.IMPORTANT }),
      item('N1-02', { violationRef: 'b', responsibility: Responsibility.GENERAL }),
      item('N1-01', { personCode: 'D2' }),
    ]);
    expect(decision).toEqual({
      notices: [
        {
          personCode: 'D1',
          notice: {
            institutionCode: WEIHAI,
            decisionDocument: '威医保罚〔2026〕1号',
            documentNumber: '威医保罚〔2026〕1号/D1',
            issueBy: '2026-03-09',
            deliverBy: '2026-03-12',
          },
          records: [
            expect.objectContaining({ violationCode: 'N2-01', alsoMatched: ['N1-01'], points: 5, ruleSetId: 'national-2025', year: 2026, inspectionId: null }),
            expect.objectContaining({ violationCode: 'N1-02', alsoMatched: [], points: 1 }),
          ],
        },
        expect.objectContaining({ personCode: 'D2', records: [expect.objectContaining({ violationCode: 'N1-01', points: 3 })] }),
      ],
    });
  });
});

describe('decisionSanctions — what the decision answers after the year was derived', () => {
  const sanction = (basisDocument: string, kind: SanctionKind, state: SanctionState, annulled = false) => ({ basisDocument, kind, state, annulled });
  test.each([
    [
      'S7: its own suspension is shown and goes on the notice',
      [sanction('D0', SanctionKind.NOTIFICATION, SanctionState.RECORDED), sanction('D1', SanctionKind.SUSPENSION, SanctionState.IN_FORCE)],
      'D1',
      'D1',
      'D1',
    ],
    [
      'S7: its own notification is shown but decides nothing on the notice',
      [sanction('D1', SanctionKind.NOTIFICATION, SanctionState.RECORDED)],
      'D1',
      'D1',
      null,
    ],
    ['S7: absorbed by a running suspension, the one in force is shown', [sanction('D0', SanctionKind.SUSPENSION, SanctionState.IN_FORCE)], 'D1', 'D0', null],
    ['A4: its own annulled sanction is not shown', [sanction('D1', SanctionKind.SUSPENSION, SanctionState.LIFTED, true)], 'D1', null, null],
  ])('%s', (_rule, sanctions, documentNumber, shown, onNotice) => {
    const result = decisionSanctions(sanctions, documentNumber);
    expect([result.shown?.basisDocument ?? null, result.onNotice?.basisDocument ?? null]).toEqual([shown, onNotice]);
  });
});
