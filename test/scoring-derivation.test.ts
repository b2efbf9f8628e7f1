import { newDoctor, registerAt, score, ScoreItem } from './fixtures';
import { errorCodes, startSeededStack, Stack } from './harness';

// The year's outcome follows from all of the year's records after every change of a record
// (002 art.29, 38, 44), and each step keeps its real date (A4, S12–S13).
const TODAY = '2026-03-16';
const WEIHAI = 'H37100200015';
const JINING = 'H37080200090';
const weihaiAgency = { role: 'CITY_AGENCY' as const, region: '3710' };
const hospital = { role: 'INSTITUTION' as const, institution: WEIHAI, region: '371002', sub: `staff-${WEIHAI}` };
const PERSON = `query($code: ID!) { person(code: $code) {
  status points reRegistrationBlockedUntil
  registrations { status }
  activeSanction { kind from until decidedOn }
  sanctions { kind state annulled from decidedOn liftedOn }
  scoreRecords { points yearTotalAfter }
} }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack(TODAY);
});
afterAll(() => stack?.stop());

const item = (personCode: string, violationCode: string, extra: Partial<ScoreItem> & { adjustment?: 'WITHIN_TIER' | 'ONE_TIER' } = {}): ScoreItem => ({
  personCode,
  institutionCode: WEIHAI,
  violationCode,
  responsibility: 'MAIN',
  ...extra,
});
const person = async (code: string) => (await stack.query(PERSON, { code })).data.person;

async function scoredTwice(name: string, first: string, second: string) {
  const doctor = newDoctor(name);
  await registerAt(stack, doctor, [WEIHAI, JINING]);
  const one = await score(stack, `威医保罚〔2026〕${doctor.code}-1号`, '2026-03-02', [item(doctor.code, first)]);
  const two = await score(stack, `威医保罚〔2026〕${doctor.code}-2号`, '2026-03-10', [item(doctor.code, second)]);
  expect([one.errors, two.errors]).toEqual([undefined, undefined]);
  await stack.eventsDelivered();
  return { doctor, records: [one.data.recordScores.records[0].id, two.data.recordScores.records[0].id] };
}

async function changeOnAppeal(scoreRecordId: string, newPoints: number) {
  const filed = await stack.query(
    `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { id } } }`,
    {
      input: { scoreRecordId, statement: '记分依据不足，申请复核', signedByPerson: true, stampedByInstitution: true },
    },
    hospital,
  );
  const decided = await stack.query(
    `mutation($input: DecideAppealInput!) { decideAppeal(input: $input) { appeal { status } } }`,
    {
      input: { appealId: filed.data.fileAppeal.appeal.id, outcome: 'CHANGED', newPoints, reason: '改变记分' },
    },
    weihaiAgency,
  );
  expect(decided.data.decideAppeal.appeal.status).toBe('CHANGED');
  await stack.eventsDelivered();
}

test('002 art.44: 6 + 3 points suspend; decision 1 changed on appeal to 0 leaves 3 points, the suspension annulled and every registration normal', async () => {
  const { doctor, records } = await scoredTwice('申诉前案医师', 'N2-01', 'N1-01');
  expect(await person(doctor.code)).toMatchObject({
    status: 'SUSPENDED',
    points: 9,
    registrations: [{ status: 'SUSPENDED' }, { status: 'SUSPENDED' }],
    activeSanction: { kind: 'SUSPENSION' },
  });

  await changeOnAppeal(records[0], 0);
  expect(await person(doctor.code)).toEqual({
    status: 'NORMAL',
    points: 3,
    reRegistrationBlockedUntil: null,
    registrations: [{ status: 'NORMAL' }, { status: 'NORMAL' }],
    activeSanction: null,
    sanctions: [
      { kind: 'NOTIFICATION', state: 'RECORDED', annulled: false, from: '2026-03-02', decidedOn: '2026-03-02', liftedOn: null },
      { kind: 'SUSPENSION', state: 'LIFTED', annulled: true, from: '2026-03-10', decidedOn: '2026-03-10', liftedOn: TODAY },
    ],
    scoreRecords: [
      { points: 0, yearTotalAfter: 0 },
      { points: 3, yearTotalAfter: 3 },
    ],
  });
});

test('002 art.29, 44: a later decision lowered on appeal brings back the suspension its termination replaced, decided anew', async () => {
  const { doctor, records } = await scoredTwice('替代恢复医师', 'N3-01', 'N1-01');
  expect(await person(doctor.code)).toMatchObject({ status: 'TERMINATED', points: 12, reRegistrationBlockedUntil: '2027-03-09' });

  await changeOnAppeal(records[1], 1);
  expect(await person(doctor.code)).toEqual({
    status: 'SUSPENDED',
    points: 10,
    reRegistrationBlockedUntil: null,
    registrations: [{ status: 'SUSPENDED' }, { status: 'SUSPENDED' }],
    // 9 in one decision: 4 months from the first decision; 10 cumulatively (2 months) does not replace it.
    activeSanction: { kind: 'SUSPENSION', from: '2026-03-02', until: '2026-07-01', decidedOn: TODAY },
    sanctions: [
      { kind: 'SUSPENSION', state: 'REPLACED', annulled: false, from: '2026-03-02', decidedOn: '2026-03-02', liftedOn: null },
      { kind: 'SUSPENSION', state: 'IN_FORCE', annulled: false, from: '2026-03-02', decidedOn: TODAY, liftedOn: null },
      { kind: 'TERMINATION', state: 'LIFTED', annulled: true, from: '2026-03-10', decidedOn: '2026-03-10', liftedOn: TODAY },
    ],
    scoreRecords: [
      { points: 9, yearTotalAfter: 9 },
      { points: 1, yearTotalAfter: 10 },
    ],
  });
});

test("002 art.38: a repair taking the year below 9 ends the suspension on the decision's real date; review and decision dates are checked", async () => {
  const doctor = newDoctor('修复重算医师');
  await registerAt(stack, doctor, [WEIHAI, JINING]);
  await score(stack, `威医保罚〔2026〕${doctor.code}号`, '2026-03-02', [item(doctor.code, 'N3-01')]);
  await stack.eventsDelivered();
  const applied = await stack.query(
    `mutation($input: ApplyForRepairInput!) { applyForRepair(input: $input) { application { id } } }`,
    {
      input: { personCode: doctor.code, institutionCode: WEIHAI, statement: '已退回违规费用并完成培训' },
    },
    hospital,
  );
  const applicationId = applied.data.applyForRepair.application.id;
  stack.clock.set('2026-03-20');
  try {
    const review = (reviewedOn: string) =>
      stack.query(
        `mutation($input: ReviewRepairInput!) { reviewRepair(input: $input) { application { status reviewedOn } } }`,
        { input: { applicationId, agree: true, reviewedOn } },
        hospital,
      );
    expect(errorCodes(await review('2026-03-21'))[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorCodes(await review('2026-03-13'))[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await review('2026-03-17')).data.reviewRepair.application).toEqual({ status: 'INSTITUTION_AGREED', reviewedOn: '2026-03-17' });

    const decide = (decidedOn: string) =>
      stack.query(`mutation($input: DecideRepairInput!) { decideRepair(input: $input) { application { status decidedOn } } }`, {
        input: { applicationId, approve: true, pointsReduction: 1, decidedOn },
      });
    expect(errorCodes(await decide('2026-03-21'))[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorCodes(await decide('2026-03-16'))[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await decide('2026-03-18')).data.decideRepair.application).toEqual({ status: 'APPROVED', decidedOn: '2026-03-18' });
    await stack.eventsDelivered();
  } finally {
    stack.clock.set(TODAY);
  }
  expect(await person(doctor.code)).toMatchObject({
    status: 'NORMAL',
    points: 8,
    registrations: [{ status: 'NORMAL' }, { status: 'NORMAL' }],
    activeSanction: null,
    sanctions: [{ kind: 'SUSPENSION', state: 'LIFTED', annulled: false, from: '2026-03-02', liftedOn: '2026-03-18' }],
  });
});

test("002 art.25 through recordScores: within the tier or one tier, the agency's choice, stored on the record; an impossible choice stores nothing", async () => {
  const doctor = newDoctor('档次选择医师');
  await registerAt(stack, doctor, [WEIHAI]);
  const RECORDS = `mutation($input: RecordScoresInput!) { recordScores(input: $input) { records { points adjustment mitigation } } }`;
  const decide = (documentNumber: string, items: object[]) =>
    stack.query(RECORDS, { input: { decisionType: 'ADMINISTRATIVE_PENALTY', documentNumber, decidedOn: '2026-03-03', items } });

  const refused = await decide('威医保罚〔2026〕档1号', [
    item(doctor.code, 'N2-01', { responsibility: 'GENERAL', mitigation: true, adjustment: 'WITHIN_TIER' }),
  ]);
  expect(errorCodes(refused)[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(refused.errors![0].message).toMatch(/within the tier 4–6/);

  const chosen = await decide('威医保罚〔2026〕档2号', [
    item(doctor.code, 'N2-01', { mitigation: true, adjustment: 'ONE_TIER', violationRef: 'a' }),
    item(doctor.code, 'N1-01', { responsibility: 'GENERAL', aggravation: true, adjustment: 'WITHIN_TIER', violationRef: 'b' }),
    item(doctor.code, 'N2-02', { responsibility: 'IMPORTANT', violationRef: 'c' }),
  ]);
  expect(chosen.data.recordScores.records).toEqual([
    { points: 3, adjustment: 'ONE_TIER', mitigation: true },
    { points: 2, adjustment: 'WITHIN_TIER', mitigation: false },
    { points: 5, adjustment: null, mitigation: false },
  ]);
  expect((await person(doctor.code)).points).toBe(10);
});

test("the real date of each step: a decision dated in the future is refused; a restoration lifts the sanction on its decision's date", async () => {
  const doctor = newDoctor('真实日期医师');
  await registerAt(stack, doctor, [WEIHAI, JINING]);
  const future = await score(stack, `威医保罚〔2026〕${doctor.code}-0号`, '2026-03-17', [item(doctor.code, 'N1-01')]);
  expect(errorCodes(future)[0]).toMatchObject({ code: 'BAD_USER_INPUT' });

  // 6 + 3 cumulatively: suspended 1 month, 2026-02-20 to 2026-03-19; restoration opens 15 working days before the end.
  await score(stack, `威医保罚〔2026〕${doctor.code}-1号`, '2026-02-02', [item(doctor.code, 'N2-01')]);
  await score(stack, `威医保罚〔2026〕${doctor.code}-2号`, '2026-02-20', [item(doctor.code, 'N1-01')]);
  await stack.eventsDelivered();
  const applied = await stack.query(
    `mutation($input: ApplyForRestorationInput!) { applyForRestoration(input: $input) { application { id } } }`,
    {
      input: { personCode: doctor.code, institutionCode: WEIHAI, appliedOn: '2026-03-10' },
    },
    hospital,
  );
  const applicationId = applied.data.applyForRestoration.application.id;
  const decide = (decidedOn: string) =>
    stack.query(`mutation($input: DecideRestorationInput!) { decideRestoration(input: $input) { application { status decidedOn } } }`, {
      input: { applicationId, approve: true, decidedOn },
    });
  expect(errorCodes(await decide('2026-03-17'))[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(errorCodes(await decide('2026-03-09'))[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect((await decide('2026-03-12')).data.decideRestoration.application).toEqual({ status: 'APPROVED', decidedOn: '2026-03-12' });
  await stack.eventsDelivered();
  expect(await person(doctor.code)).toMatchObject({
    status: 'NORMAL',
    registrations: [{ status: 'NORMAL' }, { status: 'NORMAL' }],
    sanctions: [{ kind: 'NOTIFICATION' }, { kind: 'SUSPENSION', state: 'LIFTED', annulled: false, liftedOn: '2026-03-12' }],
  });

  // S13: a later decision re-derives the year; the restored suspension stays lifted and 10 cumulatively suspends anew.
  await score(stack, `威医保罚〔2026〕${doctor.code}-3号`, '2026-03-13', [item(doctor.code, 'N1-01', { responsibility: 'GENERAL' })]);
  await stack.eventsDelivered();
  expect(await person(doctor.code)).toMatchObject({
    status: 'SUSPENDED',
    points: 10,
    sanctions: [
      { kind: 'NOTIFICATION' },
      { kind: 'SUSPENSION', state: 'LIFTED', liftedOn: '2026-03-12' },
      { kind: 'SUSPENSION', state: 'IN_FORCE', from: '2026-03-13', decidedOn: '2026-03-13' },
    ],
  });
});

test("Jining (000 form 2 §五), 002 art.44: an appeal on last year's score re-derives this year — no longer three consecutive years at ≥ 9, so the termination is annulled and this year's 9 points suspend anew", async () => {
  const doctor = newDoctor('连续年度医师', '370802');
  await registerAt(stack, doctor, [JINING]);
  const jiningItem = (violationCode: string): ScoreItem => ({ personCode: doctor.code, institutionCode: JINING, violationCode, responsibility: 'MAIN' });
  const recorded: string[] = [];
  for (const [year, date] of [
    [2024, '2024-05-06'],
    [2025, '2025-05-06'],
    [2026, '2026-03-02'],
  ] as const) {
    const response = await score(stack, `济医保协处〔${year}〕${doctor.code}号`, date, [jiningItem('JN3-01'), jiningItem('JN2-01')], 'AGREEMENT_HANDLING');
    expect(response.errors).toBeUndefined();
    recorded.push(response.data.recordScores.records[0].id);
  }
  await stack.eventsDelivered();
  expect(await person(doctor.code)).toMatchObject({ status: 'TERMINATED', points: 9, activeSanction: { kind: 'TERMINATION', from: '2026-03-02' } });

  // 2025's 6-point record changed to 1: 2025 holds 4 points.
  const filed = await stack.query(
    `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { id } } }`,
    {
      input: { scoreRecordId: recorded[1], statement: '记分依据不足，申请复核', signedByPerson: true, stampedByInstitution: true },
    },
    { role: 'INSTITUTION', institution: JINING, region: '370802', sub: `staff-${JINING}` },
  );
  expect(filed.errors).toBeUndefined();
  const decided = await stack.query(
    `mutation($input: DecideAppealInput!) { decideAppeal(input: $input) { appeal { status } } }`,
    {
      input: { appealId: filed.data.fileAppeal.appeal.id, outcome: 'CHANGED', newPoints: 1, reason: '改变记分' },
    },
    { role: 'CITY_AGENCY', region: '3708' },
  );
  expect(decided.errors).toBeUndefined();
  await stack.eventsDelivered();

  const after = await stack.query(
    `query($code: ID!) { person(code: $code) { status lastYear: points(year: 2025) points activeSanction { kind from until decidedOn } reRegistrationBlockedUntil } }`,
    { code: doctor.code },
  );
  expect(after.data.person).toEqual({
    status: 'SUSPENDED',
    lastYear: 4,
    points: 9,
    // 2026's 9 points give 6 months, ending after the 2024 suspension (elapsed, never restored) ends: they replace it (S7, S13).
    activeSanction: { kind: 'SUSPENSION', from: '2026-03-02', until: '2026-09-01', decidedOn: TODAY },
    reRegistrationBlockedUntil: null,
  });
});

test('002 art.29, E3: a decision recorded late does not rewrite the past — the suspension it supersedes is replaced, not annulled, and the termination is known from the day it was recorded', async () => {
  const doctor = newDoctor('补录决定医师');
  await registerAt(stack, doctor, [WEIHAI]);
  await score(stack, `威医保罚〔2026〕${doctor.code}-1号`, '2026-03-02', [item(doctor.code, 'N3-01')]);
  await stack.eventsDelivered();
  // Recorded today, dated before the first: 3 + 9 = 12 cumulatively, so decision 1 now terminates.
  const late = await score(stack, `威医保罚〔2026〕${doctor.code}-0号`, '2026-02-20', [item(doctor.code, 'N1-01')]);
  expect(late.errors).toBeUndefined();
  await stack.eventsDelivered();
  expect(await person(doctor.code)).toEqual({
    status: 'TERMINATED',
    points: 12,
    reRegistrationBlockedUntil: '2027-03-01',
    registrations: [{ status: 'TERMINATED' }],
    activeSanction: { kind: 'TERMINATION', from: '2026-03-02', until: '2027-03-01', decidedOn: TODAY },
    sanctions: [
      { kind: 'NOTIFICATION', state: 'RECORDED', annulled: false, from: '2026-02-20', decidedOn: '2026-02-20', liftedOn: null },
      { kind: 'SUSPENSION', state: 'REPLACED', annulled: false, from: '2026-03-02', decidedOn: '2026-03-02', liftedOn: null },
      { kind: 'TERMINATION', state: 'IN_FORCE', annulled: false, from: '2026-03-02', decidedOn: TODAY, liftedOn: null },
    ],
    scoreRecords: [
      { points: 3, yearTotalAfter: 3 },
      { points: 9, yearTotalAfter: 12 },
    ],
  });
  // As enforced on 10 March the person was suspended, and nothing annulled it.
  const onTheTenth = await stack.query(
    `{ person(code: "${doctor.code}") { registrations { statusOn(date: "2026-03-10") { status statusAfterReview annulled } } } }`,
  );
  expect(onTheTenth.data.person.registrations[0].statusOn).toEqual({ status: 'SUSPENDED', statusAfterReview: 'TERMINATED', annulled: false });
});

test('002 art.44, S13: a decision changed on appeal to 0 points has no outcome of its own — the person restored before it stays normal', async () => {
  const doctor = newDoctor('零分决定医师');
  await registerAt(stack, doctor, [WEIHAI]);
  await score(stack, `威医保罚〔2026〕${doctor.code}-1号`, '2026-02-02', [item(doctor.code, 'N2-01')]);
  await score(stack, `威医保罚〔2026〕${doctor.code}-2号`, '2026-02-20', [item(doctor.code, 'N1-01')]);
  await stack.eventsDelivered();
  const applied = await stack.query(
    `mutation($input: ApplyForRestorationInput!) { applyForRestoration(input: $input) { application { id } } }`,
    {
      input: { personCode: doctor.code, institutionCode: WEIHAI, appliedOn: '2026-03-10' },
    },
    hospital,
  );
  const restored = await stack.query(`mutation($input: DecideRestorationInput!) { decideRestoration(input: $input) { application { status } } }`, {
    input: { applicationId: applied.data.applyForRestoration.application.id, approve: true, decidedOn: '2026-03-12' },
  });
  expect(restored.data.decideRestoration.application.status).toBe('APPROVED');
  const third = await score(stack, `威医保罚〔2026〕${doctor.code}-3号`, '2026-03-13', [item(doctor.code, 'N1-01', { responsibility: 'GENERAL' })]);
  await stack.eventsDelivered();
  expect(await person(doctor.code)).toMatchObject({ status: 'SUSPENDED', points: 10 });

  await changeOnAppeal(third.data.recordScores.records[0].id, 0);
  expect(await person(doctor.code)).toMatchObject({
    status: 'NORMAL',
    points: 9,
    registrations: [{ status: 'NORMAL' }],
    activeSanction: null,
    sanctions: [
      { kind: 'NOTIFICATION', state: 'RECORDED' },
      { kind: 'SUSPENSION', state: 'LIFTED', annulled: false, from: '2026-02-20', liftedOn: '2026-03-12' },
      { kind: 'SUSPENSION', state: 'LIFTED', annulled: true, from: '2026-03-13', liftedOn: TODAY },
    ],
  });
});

test('002 art.29, 39 (S7, S13): a suspension carried over from last year and restored stays ended on its restoration day when a later decision re-derives the year', async () => {
  const doctor = newDoctor('跨年恢复医师');
  await registerAt(stack, doctor, [WEIHAI], '2025-10-08');
  // 9 in one decision: suspended 4 months, to 10 March 2026.
  await score(stack, `威医保罚〔2025〕${doctor.code}号`, '2025-11-11', [item(doctor.code, 'N3-01')]);
  // 6 + 3 in 2026: a month from 2 February, not longer than the running suspension, which stays.
  await score(stack, `威医保罚〔2026〕${doctor.code}-1号`, '2026-01-05', [item(doctor.code, 'N2-01')]);
  await score(stack, `威医保罚〔2026〕${doctor.code}-2号`, '2026-02-02', [item(doctor.code, 'N1-01')]);
  await stack.eventsDelivered();
  const applied = await stack.query(
    `mutation($input: ApplyForRestorationInput!) { applyForRestoration(input: $input) { application { id } } }`,
    {
      input: { personCode: doctor.code, institutionCode: WEIHAI, appliedOn: '2026-02-24' },
    },
    hospital,
  );
  const restored = await stack.query(`mutation($input: DecideRestorationInput!) { decideRestoration(input: $input) { application { status } } }`, {
    input: { applicationId: applied.data.applyForRestoration.application.id, approve: true, decidedOn: '2026-02-24' },
  });
  expect(restored.data.decideRestoration.application.status).toBe('APPROVED');
  await stack.eventsDelivered();

  await score(stack, `威医保罚〔2026〕${doctor.code}-3号`, TODAY, [item(doctor.code, 'N1-01', { responsibility: 'GENERAL' })]);
  await stack.eventsDelivered();
  expect(await person(doctor.code)).toMatchObject({
    status: 'SUSPENDED',
    points: 10,
    activeSanction: { kind: 'SUSPENSION', from: TODAY, until: '2026-05-15', decidedOn: TODAY },
    sanctions: [
      { kind: 'SUSPENSION', state: 'LIFTED', annulled: false, from: '2025-11-11', liftedOn: '2026-02-24' },
      { kind: 'NOTIFICATION', from: '2026-01-05' },
      { kind: 'SUSPENSION', state: 'IN_FORCE', from: TODAY },
    ],
  });
  // The restored days stay normal after review.
  const onTheFirst = await stack.query(`{ person(code: "${doctor.code}") { registrations { statusOn(date: "2026-03-01") { status statusAfterReview } } } }`);
  expect(onTheFirst.data.person.registrations[0].statusOn).toEqual({ status: 'NORMAL', statusAfterReview: 'NORMAL' });
});

test('002 art.29 (S7), S13: a suspension whose period elapsed without restoration does not block a new one that ends later', async () => {
  const doctor = newDoctor('期满未恢复医师');
  await registerAt(stack, doctor, [WEIHAI]);
  // 9 in one decision: 4 months, to 5 May.
  await score(stack, `威医保罚〔2026〕${doctor.code}-1号`, '2026-01-06', [item(doctor.code, 'N3-01')]);
  stack.clock.set('2026-06-10');
  try {
    // 10 cumulatively on 10 June: 2 months, to 9 August — later than the elapsed period's end.
    const second = await score(stack, `威医保罚〔2026〕${doctor.code}-2号`, '2026-06-10', [item(doctor.code, 'N1-01', { responsibility: 'GENERAL' })]);
    expect(second.data.recordScores.sanctions).toEqual([{ kind: 'SUSPENSION', from: '2026-06-10', until: '2026-08-09', months: 2, state: 'IN_FORCE' }]);
    await stack.eventsDelivered();
    expect(await person(doctor.code)).toMatchObject({
      status: 'SUSPENDED',
      activeSanction: { kind: 'SUSPENSION', from: '2026-06-10', until: '2026-08-09', decidedOn: '2026-06-10' },
      sanctions: [
        { kind: 'SUSPENSION', state: 'REPLACED', from: '2026-01-06' },
        { kind: 'SUSPENSION', state: 'IN_FORCE', from: '2026-06-10' },
      ],
    });
  } finally {
    stack.clock.set(TODAY);
  }
});

test('002 art.29, 39 (S7, S13): a restoration approved with an earlier date re-derives the year — a decision after that date, absorbed by the termination, now suspends', async () => {
  const doctor = newDoctor('恢复后重算医师');
  await registerAt(stack, doctor, [WEIHAI], '2025-10-08');
  // 6 + 6 cumulatively in 2025: terminated from 20 March 2025, no new registration for a year.
  await score(stack, `威医保罚〔2025〕${doctor.code}-1号`, '2025-03-03', [item(doctor.code, 'N2-01')]);
  await score(stack, `威医保罚〔2025〕${doctor.code}-2号`, '2025-03-20', [item(doctor.code, 'N2-01')]);
  await stack.eventsDelivered();
  const applied = await stack.query(
    `mutation($input: ApplyForRestorationInput!) { applyForRestoration(input: $input) { application { id } } }`,
    {
      input: { personCode: doctor.code, institutionCode: WEIHAI, appliedOn: '2026-03-10' },
    },
    hospital,
  );
  expect(applied.errors).toBeUndefined();
  // Already terminated, 9 points on 13 March decide nothing more.
  await score(stack, `威医保罚〔2026〕${doctor.code}号`, '2026-03-13', [item(doctor.code, 'N3-01')]);
  await stack.eventsDelivered();
  expect(await person(doctor.code)).toMatchObject({ status: 'TERMINATED', activeSanction: { kind: 'TERMINATION', from: '2025-03-20' } });

  const restored = await stack.query(`mutation($input: DecideRestorationInput!) { decideRestoration(input: $input) { application { status } } }`, {
    input: { applicationId: applied.data.applyForRestoration.application.id, approve: true, decidedOn: '2026-03-12' },
  });
  expect(restored.data.decideRestoration.application.status).toBe('APPROVED');
  await stack.eventsDelivered();
  // Restored from 12 March, the 13 March decision is the first 9 points in one decision: 4 months.
  expect(await person(doctor.code)).toMatchObject({
    status: 'SUSPENDED',
    points: 9,
    activeSanction: { kind: 'SUSPENSION', from: '2026-03-13', until: '2026-07-12', decidedOn: TODAY },
  });
});
