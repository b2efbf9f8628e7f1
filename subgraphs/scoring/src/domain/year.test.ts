import { SanctionKind } from './outcome';
import { JINING_RULE_SET, NATIONAL_RULE_SET } from './rule-set.fixtures';
import { deriveYear, sanctionKey, YearDecision, YearFacts } from './year';

const national = NATIONAL_RULE_SET.parameters;
const jining = JINING_RULE_SET.parameters;
const { NOTIFICATION, SUSPENSION, TERMINATION } = SanctionKind;

const decision = (documentNumber: string, decidedOn: string, points: number, rules = national): YearDecision => ({ documentNumber, decidedOn, points, rules });
const derive = (facts: Partial<YearFacts>) =>
  deriveYear({ decisions: [], reductions: [], earlierYearTotals: [], carriedOver: null, restoredOn: new Map(), shortenedTo: new Map(), ...facts });
const summary = (facts: Partial<YearFacts>) =>
  derive(facts).sanctions.map((s) => ({
    doc: s.basisDocument,
    kind: s.kind,
    enforced: s.enforced,
    from: s.from,
    until: s.until,
    months: s.months,
    replacedOn: s.replacedOn,
    endedOn: s.endedOn,
  }));

describe("deriveYear — the year's outcome from all of its records", () => {
  test('002 art.28–29: 6 then 3 points add up to 9 in the year → suspended 1 month from the second decision', () => {
    const year = derive({ decisions: [decision('D1', '2026-02-02', 6), decision('D2', '2026-03-02', 3)] });
    expect([...year.totalAfter]).toEqual([
      ['D1', 6],
      ['D2', 9],
    ]);
    expect(year.total).toBe(9);
    expect(year.sanctions.map((s) => [s.basisDocument, s.kind, s.enforced, s.until])).toEqual([
      ['D1', NOTIFICATION, false, null],
      ['D2', SUSPENSION, true, '2026-04-01'],
    ]);
  });

  test('002 art.44: decision 1 changed on appeal to 0 → the year holds 3 points and no suspension follows', () => {
    const year = derive({ decisions: [decision('D1', '2026-02-02', 0), decision('D2', '2026-03-02', 3)] });
    expect(year.total).toBe(3);
    expect(year.sanctions.map((s) => [s.basisDocument, s.kind, s.enforced])).toEqual([['D2', NOTIFICATION, false]]);
  });

  test('002 art.29 (S7): a termination replaces the running suspension, which records the day it was replaced', () => {
    expect(summary({ decisions: [decision('D1', '2026-02-02', 9), decision('D2', '2026-03-02', 3)] })).toEqual([
      { doc: 'D1', kind: SUSPENSION, enforced: true, from: '2026-02-02', until: '2026-06-01', months: 4, replacedOn: '2026-03-02', endedOn: null },
      { doc: 'D2', kind: TERMINATION, enforced: true, from: '2026-03-02', until: '2027-03-01', months: null, replacedOn: null, endedOn: null },
    ]);
  });

  test('002 art.44: the later decision lowered on appeal → the suspension it replaced holds again; a shorter one does not replace it', () => {
    expect(summary({ decisions: [decision('D1', '2026-02-02', 9), decision('D2', '2026-03-02', 1)] })).toEqual([
      { doc: 'D1', kind: SUSPENSION, enforced: true, from: '2026-02-02', until: '2026-06-01', months: 4, replacedOn: null, endedOn: null },
    ]);
  });

  test('002 art.26: a decision lowered on appeal to 0 still counts in the order of decisions, with its total, and has no outcome of its own', () => {
    const year = derive({ decisions: [decision('D1', '2026-02-02', 4), decision('D2', '2026-03-02', 0), decision('D3', '2026-04-01', 5)] });
    expect([...year.totalAfter]).toEqual([
      ['D1', 4],
      ['D2', 4],
      ['D3', 9],
    ]);
    expect(year.sanctions.map((s) => s.basisDocument)).toEqual(['D1', 'D3']);
    expect(year.sanctions[1]).toMatchObject({ kind: SUSPENSION, months: 1, from: '2026-04-01' });
  });

  test('002 art.44, S13: a decision lowered to 0 after a restoration does not suspend again on the total it leaves', () => {
    const restoredOn = new Map([[sanctionKey('D2', SUSPENSION), '2026-03-12']]);
    const year = derive({ decisions: [decision('D1', '2026-02-02', 6), decision('D2', '2026-02-20', 3), decision('D3', '2026-03-13', 0)], restoredOn });
    expect(year.total).toBe(9);
    expect(year.sanctions.map((s) => [s.basisDocument, s.kind, s.enforced])).toEqual([
      ['D1', NOTIFICATION, false],
      ['D2', SUSPENSION, true],
    ]);
  });

  test('002 art.29 / R9: 12 reached cumulatively bans 1 year, in one decision 3 years', () => {
    expect(derive({ decisions: [decision('D1', '2026-02-02', 6), decision('D2', '2026-03-02', 6)] }).sanctions[1]).toMatchObject({
      kind: TERMINATION,
      banYears: 1,
      reRegistrationBlockedUntil: '2027-03-01',
    });
    expect(derive({ decisions: [decision('D1', '2026-02-02', 12)] }).sanctions[0]).toMatchObject({
      kind: TERMINATION,
      banYears: 3,
      reRegistrationBlockedUntil: '2029-02-01',
    });
  });

  test('002 art.38 (S12): a repair that takes the total below 9 ends the running suspension on its day', () => {
    const year = derive({ decisions: [decision('D1', '2026-02-02', 6), decision('D2', '2026-03-02', 3)], reductions: [{ on: '2026-03-10', points: 2 }] });
    expect(year.total).toBe(7);
    expect(year.sanctions[1]).toMatchObject({ kind: SUSPENSION, enforced: true, endedOn: '2026-03-10' });
  });

  test('002 art.38 (S12): a repair that leaves 9 or more keeps the suspension; its reduction counts for later decisions', () => {
    const year = derive({
      decisions: [decision('D1', '2026-02-02', 10), decision('D2', '2026-04-01', 2)],
      reductions: [{ on: '2026-03-10', points: 1 }],
    });
    expect([...year.totalAfter]).toEqual([
      ['D1', 10],
      ['D2', 11],
    ]);
    expect(year.sanctions.map((s) => [s.kind, s.months, s.endedOn])).toEqual([[SUSPENSION, 5, null]]);
  });

  test('002 art.38 (S12): a repair dated before a decision lowers the total that decision is evaluated on', () => {
    const year = derive({ decisions: [decision('D1', '2026-02-02', 6), decision('D2', '2026-03-02', 3)], reductions: [{ on: '2026-02-20', points: 3 }] });
    expect(year.totalAfter.get('D2')).toBe(6);
    expect(year.sanctions.every((s) => !s.enforced)).toBe(true);
  });

  test("002 art.38 (S12): a shortened period caps the derived end, and the termination's ban with it", () => {
    const shortenedTo = new Map([[sanctionKey('D1', TERMINATION), '2026-09-30']]);
    expect(derive({ decisions: [decision('D1', '2026-02-02', 12)], shortenedTo }).sanctions[0]).toMatchObject({
      until: '2026-09-30',
      reRegistrationBlockedUntil: '2026-09-30',
      reason: expect.stringContaining('repair'),
    });
  });

  test('002 art.39 (S13): a suspension lifted by restoration no longer runs; a later 10 → a new 2-month suspension', () => {
    const restoredOn = new Map([[sanctionKey('D1', SUSPENSION), '2026-06-02']]);
    expect(
      summary({ decisions: [decision('D1', '2026-02-02', 9), decision('D2', '2026-07-01', 1)], restoredOn }).map((s) => [s.doc, s.months, s.replacedOn]),
    ).toEqual([
      ['D1', 4, null],
      ['D2', 2, null],
    ]);
  });

  test('002 art.29 (S7): a suspension carried over from last year stays when the new one ends no later, and is replaced when it ends later', () => {
    const carriedOver = { kind: SUSPENSION as const, until: '2026-06-10', liftedOn: null };
    expect(derive({ decisions: [decision('D1', '2026-02-02', 9, national)], carriedOver })).toMatchObject({ sanctions: [], carriedOverReplacedOn: null });
    expect(derive({ decisions: [decision('D1', '2026-02-02', 10)], carriedOver })).toMatchObject({
      sanctions: [{ months: 5 }],
      carriedOverReplacedOn: '2026-02-02',
    });
  });

  test('002 art.39 (S13): a suspension carried over and restored runs until its restoration day — a decision before it stays absorbed, one after it suspends anew', () => {
    const carriedOver = { kind: SUSPENSION as const, until: '2026-03-10', liftedOn: '2026-02-24' };
    const year = derive({ decisions: [decision('D1', '2026-01-05', 6), decision('D2', '2026-02-02', 3), decision('D3', '2026-03-16', 1)], carriedOver });
    expect(year.sanctions.map((s) => [s.basisDocument, s.kind, s.enforced, s.from, s.months])).toEqual([
      ['D1', NOTIFICATION, false, '2026-01-05', null],
      ['D3', SUSPENSION, true, '2026-03-16', 2],
    ]);
    expect(year.carriedOverReplacedOn).toBeNull();
  });

  test('002 art.39 (S13): a termination carried over and restored no longer absorbs a decision after its restoration day', () => {
    const terminated = { kind: TERMINATION as const, until: '2026-03-19', liftedOn: null };
    expect(derive({ decisions: [decision('D1', '2026-03-13', 9)], carriedOver: terminated }).sanctions.map((s) => [s.kind, s.enforced])).toEqual([
      [NOTIFICATION, false],
    ]);
    expect(
      derive({ decisions: [decision('D1', '2026-03-13', 9)], carriedOver: { ...terminated, liftedOn: '2026-03-12' } }).sanctions.map((s) => [
        s.kind,
        s.enforced,
        s.from,
        s.until,
      ]),
    ).toEqual([[SUSPENSION, true, '2026-03-13', '2026-07-12']]);
  });

  test('Jining (000 form 2 §五): ≥ 9 points in each of three consecutive years → terminated', () => {
    expect(
      derive({ decisions: [decision('D1', '2026-02-02', 6, jining), decision('D2', '2026-03-02', 3, jining)], earlierYearTotals: [9, 10] }).sanctions[1],
    ).toMatchObject({ kind: TERMINATION, enforced: true });
    expect(
      derive({ decisions: [decision('D1', '2026-02-02', 6, jining), decision('D2', '2026-03-02', 3, jining)], earlierYearTotals: [9, 8] }).sanctions[1],
    ).toMatchObject({ kind: SUSPENSION, months: 6 });
  });

  test('002 art.29: decisions are evaluated in decision order, whatever order they are given in', () => {
    const year = derive({ decisions: [decision('D2', '2026-03-02', 3), decision('D1', '2026-02-02', 6)] });
    expect(year.sanctions.map((s) => [s.basisDocument, s.kind])).toEqual([
      ['D1', NOTIFICATION],
      ['D2', SUSPENSION],
    ]);
  });
});
