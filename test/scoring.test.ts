import { WorkingDayCalendar } from '@pq/time/files';
import { MAX_COPY_REPORT_RECORDS } from '../subgraphs/scoring/src/resolvers/report.resolver';
import { DASHBOARD_QUERY } from '../scripts/src/demo';
import { suspensionUntil } from './expected';
import { newDoctor, registerAt, SCORE, score } from './fixtures';
import { errorCodes, startSeededStack, Stack } from './harness';

const TODAY = '2026-03-16';
const calendar = new WorkingDayCalendar();
let stack: Stack;

beforeAll(async () => {
  stack = await startSeededStack(TODAY);
});
afterAll(() => stack?.stop());

test('the rule set in force is the most specific one for the region and date, with its catalogue', async () => {
  const response = await stack.query(`{
    jining: ruleSet(regionCode: "370802") { id regionPrefix }
    weihai: ruleSet(regionCode: "371002", on: "2025-06-01") { id regionPrefix }
    before: violationItems(regionCode: "371002", on: "2025-06-01") { code minPoints maxPoints }
  }`);
  expect(response.data.jining).toEqual({ id: 'jining-2024', regionPrefix: '3708' });
  expect(response.data.weihai).toEqual({ id: 'national-2025', regionPrefix: '' });
  expect(response.data.before).toContainEqual({ code: 'N3-01', minPoints: 7, maxPoints: 9 });
});

test('S5: points from every site of a multi-site doctor add up in the natural year', async () => {
  const doctor = newDoctor('多点医师');
  await registerAt(stack, doctor, ['H37100200015', 'H37080200090']);
  await score(
    stack,
    '威医保协处〔2026〕1号',
    '2026-02-02',
    [{ personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'MAIN' }],
    'AGREEMENT_HANDLING',
  );
  const second = await score(
    stack,
    '济医保协处〔2026〕5号',
    '2026-03-02',
    [{ personCode: doctor.code, institutionCode: 'H37080200090', violationCode: 'JN2-01', responsibility: 'GENERAL' }],
    'AGREEMENT_HANDLING',
  );
  expect(second.data.recordScores.records[0]).toMatchObject({ points: 3, yearTotalAfter: 6 });
  const person = await stack.query(`{ person(code: "${doctor.code}") { points lastYear: points(year: 2025) scoreRecords { points institution { code } } } }`);
  expect(person.data.person).toEqual({
    points: 6,
    lastYear: 0,
    scoreRecords: [
      { points: 3, institution: { code: 'H37100200015' } },
      { points: 3, institution: { code: 'H37080200090' } },
    ],
  });
});

test('S3–S4: responsibility, mitigation and one violation matching several situations counted once at the highest', async () => {
  const doctor = newDoctor('合并医师');
  await registerAt(stack, doctor, ['H37100200015']);
  const response = await score(stack, '威医保罚〔2026〕8号', '2026-03-03', [
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N2-01', responsibility: 'MAIN', mitigation: true, violationRef: 'v1' },
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-02', responsibility: 'GENERAL', violationRef: 'v1' },
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-02', responsibility: 'IMPORTANT', violationRef: 'v2' },
  ]);
  expect(
    response.data.recordScores.records.map((r: any) => ({ code: r.violation.code, points: r.points, alsoMatched: r.alsoMatched, total: r.yearTotalAfter })),
  ).toEqual([
    { code: 'N2-01', points: 5, alsoMatched: ['N1-02'], total: 7 },
    { code: 'N1-02', points: 2, alsoMatched: [], total: 7 },
  ]);
  expect(response.data.recordScores.sanctions).toEqual([{ kind: 'NOTIFICATION', from: '2026-03-03', until: null, months: null, state: 'RECORDED' }]);
});

test('S7 Jining: reaching 5 points means an interview (约谈)', async () => {
  const doctor = newDoctor('约谈医师', '370802');
  await registerAt(stack, doctor, ['H37080200131']);
  const response = await score(
    stack,
    '济医保协处〔2026〕21号',
    '2026-03-04',
    [
      { personCode: doctor.code, institutionCode: 'H37080200131', violationCode: 'JN2-01', responsibility: 'MAIN' },
      { personCode: doctor.code, institutionCode: 'H37080200131', violationCode: 'JN1-01', responsibility: 'MAIN' },
      { personCode: doctor.code, institutionCode: 'H37080200131', violationCode: 'JN1-01', responsibility: 'GENERAL' },
    ],
    'AGREEMENT_HANDLING',
  );
  expect(response.data.recordScores.sanctions).toEqual([expect.objectContaining({ kind: 'INTERVIEW', state: 'RECORDED' })]);
  expect(response.data.recordScores.records.at(-1).yearTotalAfter).toBe(5);
});

test('bad input is refused with a code per item and nothing is stored', async () => {
  const doctor = newDoctor('拒绝医师');
  await registerAt(stack, doctor, ['H37100200015']);
  const response = await score(stack, '威医保罚〔2026〕77号', '2026-03-05', [
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'MAIN' },
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'JN1-01', responsibility: 'MAIN' },
    { personCode: 'D371002999999', institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'MAIN' },
  ]);
  expect(errorCodes(response)[0].entries?.map((e) => [e.index, e.code])).toEqual([
    [1, 'NOT_FOUND'],
    [2, 'NOT_FOUND'],
  ]);
  expect((await stack.query(`{ person(code: "${doctor.code}") { points scoreRecords { id } } }`)).data.person).toEqual({ points: 0, scoreRecords: [] });
  expect(
    errorCodes(
      await score(stack, 'X', '2026-04-01', [{ personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'MAIN' }]),
    )[0].code,
  ).toBe('BAD_USER_INPUT');
});

test('concurrent decisions for one person give the right total and exactly one sanction per threshold crossed', async () => {
  const doctor = newDoctor('并发医师');
  await registerAt(stack, doctor, ['H37100200015', 'H37080200090']);
  const decisions = await Promise.all(
    [1, 2, 3, 4, 5].map((n) =>
      score(
        stack,
        `威医保协处〔2026〕并${n}号`,
        '2026-03-09',
        [{ personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'IMPORTANT' }],
        'AGREEMENT_HANDLING',
      ),
    ),
  );
  expect(decisions.every((d) => !d.errors)).toBe(true);
  expect(decisions.map((d) => d.data.recordScores.records[0].yearTotalAfter).sort((a: number, b: number) => a - b)).toEqual([2, 4, 6, 8, 10]);
  const sanctionsTaken = decisions.flatMap((d) => d.data.recordScores.sanctions).filter((s: any) => s.kind === 'SUSPENSION');
  expect(sanctionsTaken).toEqual([{ kind: 'SUSPENSION', from: '2026-03-09', until: suspensionUntil('2026-03-09', 2), months: 2, state: 'IN_FORCE' }]);
  await stack.eventsDelivered();
  const person = await stack.query(`{ person(code: "${doctor.code}") { points status sanctions { kind state } registrations { status } } }`);
  expect(person.data.person.points).toBe(10);
  expect(person.data.person.status).toBe('SUSPENDED');
  expect(person.data.person.sanctions.filter((s: any) => s.state === 'IN_FORCE')).toEqual([{ kind: 'SUSPENSION', state: 'IN_FORCE' }]);
  expect(person.data.person.registrations).toEqual([{ status: 'SUSPENDED' }, { status: 'SUSPENDED' }]);
});

/**
 * A decision's statements: begin, the persons' lock, one read of what it is checked against, one of
 * the persons' year, one write per table (notice, records, sanction, year total, outbox, audit),
 * commit; its answer is what it wrote, read back by none. Durable commits made every statement of
 * a decision count (28 when every read and write was a statement of its own).
 */
const DECISION_STATEMENTS = 11;

test(`a decision costs the same statements for a person with a year of records behind it as for a new one, at most ${DECISION_STATEMENTS}`, async () => {
  const [fresh, scored] = [newDoctor('首次记分医师'), newDoctor('多次记分医师')];
  await registerAt(stack, fresh, ['H37100200015']);
  await registerAt(stack, scored, ['H37100200015']);
  const item = (doctor: { code: string }) => ({
    personCode: doctor.code,
    institutionCode: 'H37100200015',
    violationCode: 'N1-01',
    responsibility: 'GENERAL' as const,
  });
  for (const [i, on] of ['2026-01-12', '2026-02-09'].entries()) await score(stack, `威医保协处〔2026〕计${i}号`, on, [item(scored)], 'AGREEMENT_HANDLING');
  const decide = (doctor: { code: string }, documentNumber: string) =>
    stack.countStatements(SCORE, { input: { decisionType: 'AGREEMENT_HANDLING', documentNumber, decidedOn: '2026-03-02', items: [item(doctor)] } });
  const first = await decide(fresh, '威医保协处〔2026〕计8号');
  const third = await decide(scored, '威医保协处〔2026〕计9号');
  expect(first.response.errors).toBeUndefined();
  expect(third.response.data.recordScores.records[0].yearTotalAfter).toBe(3 * first.response.data.recordScores.records[0].yearTotalAfter);
  expect(third.statements).toBe(first.statements);
  expect(first.statements).toBeLessThanOrEqual(DECISION_STATEMENTS);
});

test('S7 through the API: a termination replaces the running suspension, which is kept as REPLACED', async () => {
  const doctor = newDoctor('替换医师');
  await registerAt(stack, doctor, ['H37100200015']);
  const first = await score(stack, '威医保罚〔2026〕31号', '2026-03-10', [
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N3-01', responsibility: 'MAIN' },
  ]);
  expect(first.data.recordScores.sanctions).toEqual([expect.objectContaining({ kind: 'SUSPENSION', state: 'IN_FORCE' })]);
  const second = await score(stack, '威医保罚〔2026〕32号', '2026-03-11', [
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N4-01', responsibility: 'MAIN' },
  ]);
  expect(second.errors).toBeUndefined();
  expect(second.data.recordScores.sanctions).toEqual([expect.objectContaining({ kind: 'TERMINATION', state: 'IN_FORCE' })]);
  const person = await stack.query(`{ person(code: "${doctor.code}") { activeSanction { kind } sanctions { kind state } } }`);
  expect(person.data.person).toEqual({
    activeSanction: { kind: 'TERMINATION' },
    sanctions: [
      { kind: 'SUSPENSION', state: 'REPLACED' },
      { kind: 'TERMINATION', state: 'IN_FORCE' },
    ],
  });
});

describe('notice and restoration (S8, S13)', () => {
  const doctor = newDoctor('恢复医师');
  let noticeNumber: string;
  const decidedOn = '2026-01-12';
  const until = suspensionUntil(decidedOn, 1);

  beforeAll(async () => {
    await registerAt(stack, doctor, ['H37100200015', 'H37080200131'], '2025-12-01');
    // 6 points, then 3 more in a second decision: 9 reached cumulatively → 1 month (a one-shot 9 would be 4).
    await score(stack, '威医保罚〔2026〕1号', '2026-01-05', [
      { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N2-03', responsibility: 'MAIN' },
    ]);
    const scored = await score(stack, '威医保罚〔2026〕2号', decidedOn, [
      { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'MAIN' },
    ]);
    expect(scored.data.recordScores.sanctions).toEqual([{ kind: 'SUSPENSION', from: decidedOn, until, months: 1, state: 'IN_FORCE' }]);
    noticeNumber = scored.data.recordScores.records[0].notice.documentNumber;
    await stack.eventsDelivered();
  });

  test('S8: the notice is due 5 wd after the decision, delivered within 3 wd, and appeals 10 wd after delivery', async () => {
    const issueBy = calendar.addWorkingDays(decidedOn, 5);
    const delivered = await stack.query(
      `mutation($n: ID!) { deliverNotice(input: { documentNumber: $n, deliveredOn: "2026-01-16" }) { notice { issueBy deliverBy deliveredOn appealBy points yearTotal decisionText appealRight person { name idNumberMasked gender } institution { name } records { violation { code } } } } }`,
      { n: noticeNumber },
    );
    expect(delivered.data.deliverNotice.notice).toEqual({
      issueBy,
      deliverBy: calendar.addWorkingDays(issueBy, 3),
      deliveredOn: '2026-01-16',
      appealBy: calendar.addWorkingDays('2026-01-16', 10),
      points: 3,
      yearTotal: 9,
      decisionText: expect.stringContaining('暂停医保支付资格1个月'),
      appealRight: expect.stringContaining('10个工作日'),
      person: { name: '恢复医师', idNumberMasked: expect.stringMatching(/^371002\*{8}/), gender: expect.any(String) },
      institution: { name: '威海市立医院' },
      records: [{ violation: { code: 'N1-01' } }],
    });
    const again = await stack.query(`mutation($n: ID!) { deliverNotice(input: { documentNumber: $n }) { notice { deliveredOn } } }`, { n: noticeNumber });
    expect(errorCodes(again)[0].code).toBe('INVALID_STATE');
  });

  test('S13: restoration opens 15 wd before the end, is decided within 10 wd, and brings the status back at every site', async () => {
    const apply = (appliedOn: string) =>
      stack.query(`mutation($input: ApplyForRestorationInput!) { applyForRestoration(input: $input) { application { id status decideBy } } }`, {
        input: { personCode: doctor.code, institutionCode: 'H37100200015', appliedOn },
      });
    const opensOn = calendar.addWorkingDays(until, -15);
    const early = await apply(calendar.addWorkingDays(opensOn, -1));
    expect(errorCodes(early)[0].code).toBe('INVALID_STATE');
    expect(early.errors![0].extensions!.opensOn).toBe(opensOn);

    // The period has ended, and the status has not returned by itself.
    const before = await stack.query(DASHBOARD_QUERY, { code: doctor.code });
    expect(before.data.person).toMatchObject({ status: 'SUSPENDED', activeSanction: { kind: 'SUSPENSION', until } });

    const applied = await apply('2026-03-02');
    expect(applied.data.applyForRestoration.application).toMatchObject({ status: 'APPLIED', decideBy: calendar.addWorkingDays('2026-03-02', 10) });
    expect(errorCodes(await apply('2026-03-03'))[0].code).toBe('INVALID_STATE');

    const decide = (approve: boolean, reason?: string) =>
      stack.query(`mutation($input: DecideRestorationInput!) { decideRestoration(input: $input) { application { status decidedOn reason } } }`, {
        input: { applicationId: applied.data.applyForRestoration.application.id, approve, reason },
      });
    expect(errorCodes(await decide(false))[0].code).toBe('BAD_USER_INPUT');
    expect((await decide(true)).data.decideRestoration.application).toEqual({ status: 'APPROVED', decidedOn: TODAY, reason: null });
    await stack.eventsDelivered();

    const after = await stack.query(DASHBOARD_QUERY, { code: doctor.code });
    expect(after.data.person).toMatchObject({ status: 'NORMAL', points: 9, activeSanction: null, registrations: [{ status: 'NORMAL' }, { status: 'NORMAL' }] });
    const history = await stack.query(`{ person(code: "${doctor.code}") { statusHistory { status from cause } } }`);
    expect(history.data.person.statusHistory.filter((c: any) => c.status === 'NORMAL' && c.from === TODAY)).toHaveLength(2);
  });
});

describe('repair (S12) and reports (S10, S14)', () => {
  const doctor = newDoctor('修复医师');
  const hospital = { role: 'INSTITUTION' as const, institution: 'H37100200015', region: '371002' };

  beforeAll(async () => {
    await registerAt(stack, doctor, ['H37100200015']);
    // 9 points in one decision: suspended 4 months, 2026-02-02 to 2026-06-01.
    await score(stack, '威医保罚〔2026〕31号', '2026-02-02', [
      { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N3-01', responsibility: 'MAIN' },
    ]);
    await stack.eventsDelivered();
  });

  test('S12: the person applies, the institution agrees, the agency reduces points below 9 and shortens the period: the suspension ends on the decision', async () => {
    const apply = await stack.query(
      `mutation($input: ApplyForRepairInput!) { applyForRepair(input: $input) { application { id status } } }`,
      {
        input: { personCode: doctor.code, institutionCode: 'H37100200015', statement: '已完成培训并退回违规费用' },
      },
      { role: 'PERSON', person: doctor.code, region: '371002' },
    );
    const id = apply.data.applyForRepair.application.id;
    const decide = (input: object) =>
      stack.query(`mutation($input: DecideRepairInput!) { decideRepair(input: $input) { application { status pointsReduction newUntil } } }`, {
        input: { applicationId: id, ...input },
      });
    expect(errorCodes(await decide({ approve: true, pointsReduction: 2 }))[0].code).toBe('INVALID_STATE');

    const reviewed = await stack.query(
      `mutation($input: ReviewRepairInput!) { reviewRepair(input: $input) { application { status institutionNote } } }`,
      { input: { applicationId: id, agree: true, note: '整改属实' } },
      hospital,
    );
    expect(reviewed.data.reviewRepair.application).toEqual({ status: 'INSTITUTION_AGREED', institutionNote: '整改属实' });
    expect(errorCodes(await decide({ approve: true, pointsReduction: 20 }))[0].code).toBe('BAD_USER_INPUT');
    const decided = await decide({ approve: true, pointsReduction: 2, newUntil: '2026-03-31' });
    expect(decided.data.decideRepair.application).toEqual({ status: 'APPROVED', pointsReduction: 2, newUntil: '2026-03-31' });

    await stack.eventsDelivered();
    const person = await stack.query(
      `{ person(code: "${doctor.code}") { points status activeSanction { until } sanctions { until state liftedOn annulled } repairApplications { status decidedOn } } }`,
    );
    expect(person.data.person).toEqual({
      points: 7,
      status: 'NORMAL',
      activeSanction: null,
      sanctions: [{ until: '2026-03-31', state: 'LIFTED', liftedOn: TODAY, annulled: false }],
      repairApplications: [{ status: 'APPROVED', decidedOn: TODAY }],
    });
  });

  test('S12: a repair shortening a termination shortens the re-registration ban in registry', async () => {
    const terminated = newDoctor('终止修复医师');
    await registerAt(stack, terminated, ['H37100200015']);
    await score(stack, '威医保罚〔2026〕41号', '2026-02-03', [
      { personCode: terminated.code, institutionCode: 'H37100200015', violationCode: 'N4-01', responsibility: 'MAIN' },
    ]);
    await stack.eventsDelivered();
    expect((await stack.query(`{ person(code: "${terminated.code}") { status reRegistrationBlockedUntil } }`)).data.person).toEqual({
      status: 'TERMINATED',
      reRegistrationBlockedUntil: '2029-02-02',
    });

    const applied = await stack.query(
      `mutation($input: ApplyForRepairInput!) { applyForRepair(input: $input) { application { id } } }`,
      {
        input: { personCode: terminated.code, institutionCode: 'H37100200015', statement: '已全额退回并完成整改' },
      },
      hospital,
    );
    const id = applied.data.applyForRepair.application.id;
    await stack.query(
      `mutation($input: ReviewRepairInput!) { reviewRepair(input: $input) { application { status } } }`,
      { input: { applicationId: id, agree: true } },
      hospital,
    );
    const decided = await stack.query(`mutation($input: DecideRepairInput!) { decideRepair(input: $input) { application { status newUntil } } }`, {
      input: { applicationId: id, approve: true, newUntil: '2027-02-02' },
    });
    expect(decided.data.decideRepair.application).toEqual({ status: 'APPROVED', newUntil: '2027-02-02' });
    await stack.eventsDelivered();
    expect((await stack.query(`{ person(code: "${terminated.code}") { reRegistrationBlockedUntil activeSanction { kind until } } }`)).data.person).toEqual({
      reRegistrationBlockedUntil: '2027-02-02',
      activeSanction: { kind: 'TERMINATION', until: '2027-02-02' },
    });
  });

  test('S10, S14: institution figures with the ratio measure, the yearly summary due by 5 January, and the copy-report for partners', async () => {
    const figures = await stack.query(
      `{ institution(code: "H37100200015") { scoringFigures(year: 2026) { scoredPersons suspensions terminations registeredPersonnel sanctionedShare measure } } }`,
    );
    const f = figures.data.institution.scoringFigures;
    expect(f.suspensions).toBeGreaterThanOrEqual(3);
    expect(f.sanctionedShare).toBeCloseTo((f.suspensions + f.terminations) / f.registeredPersonnel, 3);
    expect(f.measure).toBe(f.sanctionedShare >= 0.5 ? 'AGREEMENT_SUSPENSION' : f.sanctionedShare >= 0.2 ? 'PAYMENTS_HELD' : 'NONE');

    const summary = await stack.query(
      `{ yearlySummary(regionPrefix: "3710", year: 2026) { dueBy scoredPersons suspensions institutions { institutionCode } } }`,
      {},
      { role: 'CITY_AGENCY', region: '3710' },
    );
    expect(summary.data.yearlySummary).toMatchObject({ dueBy: '2027-01-05', suspensions: f.suspensions, institutions: [{ institutionCode: 'H37100200015' }] });
    expect(
      errorCodes(await stack.query(`{ yearlySummary(regionPrefix: "3708", year: 2026) { dueBy } }`, {}, { role: 'CITY_AGENCY', region: '3710' }))[0].code,
    ).toBe('FORBIDDEN');

    const copy = await stack.query(
      `{ copyReport(regionPrefix: "3710", from: "2026-02-01", to: "2026-02-28") { points yearTotalAfter violation { title } person { code } } }`,
      {},
      { role: 'HEALTH_PARTNER', region: '37' },
    );
    expect(copy.data.copyReport).toContainEqual({
      points: 9,
      yearTotalAfter: 9,
      violation: { title: expect.stringContaining('冒名结算') },
      person: { code: doctor.code },
    });
  });

  test('S14: a copy report too large for one answer is refused with RESULT_TOO_LARGE, never cut short', async () => {
    // Copies of one of region 3710's records, decided in 2019 (a year no other test reads).
    const scoring = stack.services.scoring.orm.em.fork().getConnection();
    const copyRecords = (count: number) =>
      scoring.execute(
        `insert into scoring.score_record (id, person_code, institution_code, rule_set_id, violation_code, also_matched, responsibility, mitigation, aggravation, points, decided_on, year, year_total_after, decision_type, document_number, inspection_id, notice_id)
         select gen_random_uuid(), r.person_code, r.institution_code, r.rule_set_id, r.violation_code, r.also_matched, r.responsibility, r.mitigation, r.aggravation, r.points, '2019-06-15', 2019, r.year_total_after, r.decision_type, r.document_number, r.inspection_id, r.notice_id
           from (select * from scoring.score_record where institution_code = 'H37100200015' limit 1) r cross join generate_series(1, ?)`,
        [count],
      );
    const report = () =>
      stack.query(`{ copyReport(regionPrefix: "3710", from: "2019-06-01", to: "2019-06-30") { points } }`, {}, { role: 'HEALTH_PARTNER', region: '37' });
    try {
      await copyRecords(MAX_COPY_REPORT_RECORDS);
      expect((await report()).data.copyReport).toHaveLength(MAX_COPY_REPORT_RECORDS);
      await copyRecords(1);
      const refused = await report();
      expect(errorCodes(refused)).toEqual([expect.objectContaining({ code: 'RESULT_TOO_LARGE' })]);
      expect(refused.data).toBeNull();
    } finally {
      await scoring.execute(`delete from scoring.score_record where year = 2019`);
    }
  });

  test("S10: an institution's registered personnel in a year are those registered there at some time in that year (registered from their first day, until cancelled)", async () => {
    const registered = async (year: number) =>
      (await stack.query(`{ institution(code: "H37080200090") { scoringFigures(year: ${year}) { registeredPersonnel } } }`)).data.institution.scoringFigures
        .registeredPersonnel as number;
    const before = { 2025: await registered(2025), 2026: await registered(2026), 2027: await registered(2027) };
    const leaver = newDoctor('离职医师', '370802');
    const [registrationId] = await registerAt(stack, leaver, ['H37080200090'], '2026-01-05');
    expect([await registered(2025), await registered(2026), await registered(2027)]).toEqual([before[2025], before[2026] + 1, before[2027] + 1]);

    const cancelled = await stack.query(`mutation($input: CancelRegistrationInput!) { cancelRegistration(input: $input) { registration { status } } }`, {
      input: { registrationId, on: '2026-03-10', reason: '劳动合同到期' },
    });
    expect(cancelled.data.cancelRegistration.registration.status).toBe('CANCELLED');
    await stack.eventsDelivered();
    // Still one of 2026's personnel (January to March); not one of 2027's.
    expect([await registered(2025), await registered(2026), await registered(2027)]).toEqual([before[2025], before[2026] + 1, before[2027]]);
  });
});

test('recordScores sent again with its idempotency key answers the first decision again and records nothing more', async () => {
  const doctor = newDoctor('重发医师');
  await registerAt(stack, doctor, ['H37100200015']);
  const input = {
    decisionType: 'ADMINISTRATIVE_PENALTY',
    documentNumber: `威医保罚〔2026〕重发${doctor.code}号`,
    decidedOn: '2026-03-10',
    items: [{ personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N3-01', responsibility: 'MAIN' }],
    idempotencyKey: `again-${doctor.code}`,
  };
  const first = await stack.query(SCORE, { input });
  const again = await stack.query(SCORE, { input });
  expect(first.errors).toBeUndefined();
  expect(again.errors).toBeUndefined();
  expect(again.data).toEqual(first.data);
  const year = await stack.query(`query($code: ID!) { person(code: $code) { scoreRecords(year: 2026) { id } } }`, { code: doctor.code });
  expect(year.data.person.scoreRecords).toHaveLength(1);
});
