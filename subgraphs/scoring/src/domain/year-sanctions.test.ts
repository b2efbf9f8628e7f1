import { SanctionKind, SanctionState } from './outcome';
import { NATIONAL_RULE_SET } from './rule-set.fixtures';
import { deriveYear, YearDecision } from './year';
import { planYearSanctions, StoredSanction, YearChange } from './year-sanctions';

const national = NATIONAL_RULE_SET.parameters;
const { NOTIFICATION, SUSPENSION, TERMINATION } = SanctionKind;
const { RECORDED, IN_FORCE, REPLACED, LIFTED } = SanctionState;
const TODAY = '2026-03-16';

const decision = (documentNumber: string, decidedOn: string, points: number): YearDecision => ({ documentNumber, decidedOn, points, rules: national });
const stored = (
  id: string,
  basisDocument: string,
  kind: SanctionKind,
  from: string,
  state: SanctionState,
  extra: Partial<StoredSanction> = {},
): StoredSanction => ({
  id,
  personCode: 'P1',
  basisDocument,
  kind,
  from,
  until: null,
  months: null,
  banYears: null,
  yearTotal: 0,
  reason: '',
  state,
  decidedOn: from,
  annulled: false,
  liftedOn: null,
  liftReason: null,
  ...extra,
});
const newDecision = (basisDocument: string): YearChange => ({
  on: TODAY,
  cause: `year re-derived on decision ${basisDocument}`,
  basisDocument,
  lowersPoints: false,
});
const appeal: YearChange = { on: TODAY, cause: 'decision changed on appeal (申诉变更)', basisDocument: 'appeal A1', lowersPoints: true };

function plan(decisions: YearDecision[], rows: StoredSanction[], change: YearChange) {
  let next = 0;
  const derived = deriveYear({ decisions, reductions: [], earlierYearTotals: [], carriedOver: null, restoredOn: new Map(), shortenedTo: new Map() });
  return planYearSanctions({ year: 2026, personCode: 'P1', stored: rows, derived, change, newId: () => `new-${++next}` });
}
const summary = (result: ReturnType<typeof plan>) => ({
  updates: Object.fromEntries([...result.updates].map(([id, patch]) => [id, { state: patch.state, annulled: patch.annulled, liftedOn: patch.liftedOn }])),
  inserts: result.inserts.map((s) => [s.basisDocument, s.kind, s.state, s.from, s.decidedOn]),
  events: result.events.map((e) => [e.type, (e.payload as { sanctionId: string }).sanctionId]),
});

describe('planYearSanctions — the stored sanctions brought in line with the year', () => {
  test('002 art.29 (S7), E3: a decision recorded late that makes an earlier-known suspension a termination — the suspension is replaced, not annulled, and the termination is known from today', () => {
    const rows = [stored('s1', 'D1', SUSPENSION, '2026-03-02', IN_FORCE, { until: '2026-07-01', months: 4 })];
    expect(summary(plan([decision('D0', '2026-02-20', 3), decision('D1', '2026-03-02', 9)], rows, newDecision('D0')))).toEqual({
      updates: { s1: { state: REPLACED, annulled: undefined, liftedOn: undefined } },
      inserts: [
        ['D0', NOTIFICATION, RECORDED, '2026-02-20', '2026-02-20'],
        ['D1', TERMINATION, IN_FORCE, '2026-03-02', TODAY],
      ],
      events: [['SanctionDecided', 'new-2']],
    });
  });

  test("S7: the new decision's own sanction is decided on its date; before a sanction already known, on the day it is recorded", () => {
    const suspended = [stored('s1', 'D1', SUSPENSION, '2026-03-02', IN_FORCE, { until: '2026-07-01', months: 4 })];
    expect(summary(plan([decision('D1', '2026-03-02', 9), decision('D2', '2026-03-10', 3)], suspended, newDecision('D2'))).inserts).toEqual([
      ['D2', TERMINATION, IN_FORCE, '2026-03-10', '2026-03-10'],
    ]);
    expect(summary(plan([decision('D0', '2026-02-20', 12), decision('D1', '2026-03-02', 9)], suspended, newDecision('D0'))).inserts).toEqual([
      ['D0', TERMINATION, IN_FORCE, '2026-02-20', TODAY],
    ]);
  });

  test('002 art.44 (A4): a change that lowered points annuls what no longer follows, on the day it is recorded', () => {
    const rows = [
      stored('s1', 'D1', NOTIFICATION, '2026-03-02', RECORDED),
      stored('s2', 'D2', SUSPENSION, '2026-03-10', IN_FORCE, { until: '2026-04-09', months: 1 }),
    ];
    expect(summary(plan([decision('D1', '2026-03-02', 0), decision('D2', '2026-03-10', 3)], rows, appeal))).toMatchObject({
      updates: { s2: { state: LIFTED, annulled: true, liftedOn: TODAY } },
      inserts: [],
      events: [['SanctionLifted', 's2']],
    });
  });

  test('002 art.29, 44: a termination annulled on appeal and the suspension it replaced decided anew — the decision is published before the annulment, so registry never holds the person normal in between', () => {
    const rows = [
      stored('s1', 'D1', SUSPENSION, '2026-03-02', REPLACED, { until: '2026-07-01', months: 4 }),
      stored('s2', 'D2', TERMINATION, '2026-03-10', IN_FORCE, { until: '2027-03-09', banYears: 1 }),
    ];
    expect(summary(plan([decision('D1', '2026-03-02', 9), decision('D2', '2026-03-10', 1)], rows, appeal))).toEqual({
      updates: { s2: { state: LIFTED, annulled: true, liftedOn: TODAY } },
      inserts: [['D1', SUSPENSION, IN_FORCE, '2026-03-02', TODAY]],
      events: [
        ['SanctionDecided', 'new-1'],
        ['SanctionLifted', 's2'],
      ],
    });
  });
});
