import { WorkingDayCalendar } from '@pq/time/files';
import { DASHBOARD_QUERY } from '../scripts/src/demo';
import { newDoctor, registerAt, score } from './fixtures';
import { errorCodes, startSeededStack, Stack } from './harness';

const TODAY = '2026-03-16';
const calendar = new WorkingDayCalendar();
const APPEAL_FIELDS =
  'id status filedOn decideBy expertReviewStartedOn decidedOn escalated decisionReason newPoints steps { action fromStatus toStatus actorRole happenedOn note }';
const FILE = `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { ${APPEAL_FIELDS} } } }`;
const stepMutation = (name: string) => `mutation($input: AppealStepInput!) { ${name}(input: $input) { appeal { ${APPEAL_FIELDS} } } }`;
const DECIDE = `mutation($input: DecideAppealInput!) { decideAppeal(input: $input) { appeal { ${APPEAL_FIELDS} } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack(TODAY);
});
afterAll(() => stack?.stop());

const institutionOf = (code: string) => ({ role: 'INSTITUTION' as const, institution: code, region: code.slice(1, 7), sub: `staff-${code}` });
const administration = { role: 'ADMINISTRATION' as const, region: '37', sub: 'admin-shandong' };

async function scoredDoctor(name: string, points: 'N4-01' | 'N3-01' | 'N1-01', decidedOn = '2026-03-10') {
  const doctor = newDoctor(name);
  await registerAt(stack, doctor, ['H37100200015', 'H37080200090']);
  const scored = await score(stack, `威医保罚〔2026〕申${doctor.code}号`, decidedOn, [
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: points, responsibility: 'MAIN' },
  ]);
  await stack.eventsDelivered();
  return { doctor, record: scored.data.recordScores.records[0] };
}

const file = (scoreRecordId: string, extra: object = {}, as: object = institutionOf('H37100200015')) =>
  stack.query(FILE, { input: { scoreRecordId, statement: '处方合理，申请复核', signedByPerson: true, stampedByInstitution: true, ...extra } }, as);

test('A4: a termination changed on appeal to 9 points becomes a suspension in force, the termination lifted', async () => {
  const { doctor, record } = await scoredDoctor('改暂停医师', 'N4-01');
  const appealId = (await file(record.id)).data.fileAppeal.appeal.id;
  const changed = await stack.query(
    DECIDE,
    { input: { appealId, outcome: 'CHANGED', newPoints: 9, reason: '改为9分' } },
    { role: 'CITY_AGENCY', region: '3710' },
  );
  expect(changed.errors).toBeUndefined();
  await stack.eventsDelivered();
  const person = await stack.query(`{ person(code: "${doctor.code}") { status points activeSanction { kind } sanctions { kind state } } }`);
  expect(person.data.person).toEqual({
    status: 'SUSPENDED',
    points: 9,
    activeSanction: { kind: 'SUSPENSION' },
    // Both take effect on the same day: the order they were decided in.
    sanctions: [
      { kind: 'TERMINATION', state: 'LIFTED' },
      { kind: 'SUSPENSION', state: 'IN_FORCE' },
    ],
  });
});

test('A4 end to end: a 9-point suspension appealed and changed to 6 points ends the suspension at every site', async () => {
  const { doctor, record } = await scoredDoctor('申诉医师', 'N3-01');
  const before = await stack.query(DASHBOARD_QUERY, { code: doctor.code });
  expect(before.data.person).toMatchObject({ status: 'SUSPENDED', points: 9, registrations: [{ status: 'SUSPENDED' }, { status: 'SUSPENDED' }] });

  const filed = await file(record.id);
  const appealId = filed.data.fileAppeal.appeal.id;
  const changed = await stack.query(
    DECIDE,
    { input: { appealId, outcome: 'CHANGED', newPoints: 6, reason: '情节较轻，改为6分' } },
    { role: 'CITY_AGENCY', region: '3710' },
  );
  expect(changed.data.decideAppeal.appeal).toMatchObject({ status: 'CHANGED', newPoints: 6 });
  await stack.eventsDelivered();

  const after = await stack.query(DASHBOARD_QUERY, { code: doctor.code });
  expect(after.data.person).toMatchObject({
    status: 'NORMAL',
    points: 6,
    activeSanction: null,
    registrations: [{ status: 'NORMAL' }, { status: 'NORMAL' }],
    openAppeals: [],
  });
  const file1 = await stack.query(
    `{ person(code: "${doctor.code}") { appeals { status } scoreRecords { points originalPoints } sanctions { kind state liftReason } statusHistory { status cause } } }`,
  );
  expect(file1.data.person).toMatchObject({
    appeals: [{ status: 'CHANGED' }],
    scoreRecords: [{ points: 6, originalPoints: 9 }],
    sanctions: [{ kind: 'SUSPENSION', state: 'LIFTED', liftReason: expect.stringContaining('appeal') }],
  });
  expect(file1.data.person.statusHistory.map((c: any) => c.status)).toEqual(['NORMAL', 'NORMAL', 'SUSPENDED', 'SUSPENDED', 'NORMAL', 'NORMAL']);
});

test('A1: unsigned, unstamped, late and duplicate appeals are refused and store nothing', async () => {
  const { doctor, record } = await scoredDoctor('期限医师', 'N1-01', '2026-02-02');
  expect(errorCodes(await file(record.id, { signedByPerson: false }))[0].code).toBe('BAD_USER_INPUT');
  expect(errorCodes(await file(record.id, { stampedByInstitution: false }))[0].code).toBe('BAD_USER_INPUT');
  expect(errorCodes(await file(record.id, {}, { role: 'PERSON', person: 'D371002000001', region: '371002' }))[0].code).toBe('FORBIDDEN');

  const notice = record.notice.documentNumber;
  await stack.query(`mutation($n: ID!) { deliverNotice(input: { documentNumber: $n, deliveredOn: "2026-02-04" }) { notice { appealBy } } }`, { n: notice });
  await stack.eventsDelivered();
  const appealBy = calendar.addWorkingDays('2026-02-04', 10);
  const late = await file(record.id, { receivedOn: calendar.addWorkingDays(appealBy, 1) });
  expect(errorCodes(late)[0].code).toBe('DEADLINE_PASSED');
  expect((await stack.query(`{ person(code: "${doctor.code}") { appeals { id } } }`)).data.person.appeals).toEqual([]);

  const inTime = await file(record.id, { receivedOn: appealBy }, { role: 'PERSON', person: doctor.code, region: '371002' });
  expect(inTime.data.fileAppeal.appeal).toMatchObject({ status: 'FILED', filedOn: appealBy, decideBy: calendar.addWorkingDays(appealBy, 20) });
  expect(errorCodes(await file(record.id, { receivedOn: appealBy }))[0].code).toBe('INVALID_STATE');

  const withdrawn = await stack.query(
    stepMutation('withdrawAppeal'),
    { input: { appealId: inTime.data.fileAppeal.appeal.id, note: '已理解' } },
    { role: 'PERSON', person: doctor.code, region: '371002' },
  );
  expect(withdrawn.data.withdrawAppeal.appeal.status).toBe('WITHDRAWN');
});

test('A2–A4 life cycle: explained, escalated, decided by the administration after experts, each step recorded', async () => {
  const { record } = await scoredDoctor('流程医师', 'N1-01');
  const appealId = (await file(record.id)).data.fileAppeal.appeal.id;
  const agency = { role: 'CITY_AGENCY' as const, region: '3710', sub: 'weihai-agency' };

  expect(errorCodes(await stack.query(stepMutation('escalateAppeal'), { input: { appealId } }, institutionOf('H37100200015')))[0].code).toBe('INVALID_STATE');
  await stack.query(stepMutation('explainAppeal'), { input: { appealId, note: '已向机构解释记分依据' } }, agency);
  await stack.query(stepMutation('escalateAppeal'), { input: { appealId, note: '仍有异议' } }, institutionOf('H37100200015'));
  expect(errorCodes(await stack.query(DECIDE, { input: { appealId, outcome: 'UPHELD', reason: 'x' } }, agency))[0].code).toBe('FORBIDDEN');

  const started = await stack.query(stepMutation('startExpertReview'), { input: { appealId, note: '提交专家组' } }, administration);
  const dueBefore = started.data.startExpertReview.appeal.decideBy;
  stack.clock.set('2026-03-20');
  const completed = await stack.query(stepMutation('completeExpertReview'), { input: { appealId, note: '专家意见已出' } }, administration);
  expect(completed.data.completeExpertReview.appeal).toMatchObject({ status: 'ESCALATED', decideBy: calendar.addWorkingDays(dueBefore, 4) });

  expect(errorCodes(await stack.query(DECIDE, { input: { appealId, outcome: 'UPHELD' } }, administration))[0].code).toBe('BAD_USER_INPUT');
  const upheld = await stack.query(DECIDE, { input: { appealId, outcome: 'UPHELD', reason: '记分事实清楚，依据充分' } }, administration);
  stack.clock.set(TODAY);
  expect(upheld.data.decideAppeal.appeal).toMatchObject({ status: 'UPHELD', escalated: true, decisionReason: '记分事实清楚，依据充分' });
  expect(upheld.data.decideAppeal.appeal.steps.map((s: any) => [s.action, s.toStatus, s.actorRole])).toEqual([
    ['FILE', 'FILED', 'INSTITUTION'],
    ['EXPLAIN', 'EXPLAINED', 'CITY_AGENCY'],
    ['ESCALATE', 'ESCALATED', 'INSTITUTION'],
    ['START_EXPERT_REVIEW', 'EXPERT_REVIEW', 'ADMINISTRATION'],
    ['COMPLETE_EXPERT_REVIEW', 'ESCALATED', 'ADMINISTRATION'],
    ['UPHOLD', 'UPHELD', 'ADMINISTRATION'],
  ]);
  expect(errorCodes(await stack.query(DECIDE, { input: { appealId, outcome: 'CHANGED', newPoints: 1 } }, administration))[0].code).toBe('INVALID_STATE');
});

test('A5: an agreement dispute has the same life cycle and changes no score', async () => {
  const filed = await stack.query(
    `mutation($input: FileAgreementDisputeInput!) { fileAgreementDispute(input: $input) { appeal { id subject status decisionDocument } } }`,
    {
      input: { institutionCode: 'H37080200131', decisionDocument: '济医保协〔2026〕中止3号', statement: '中止理由不成立', stampedByInstitution: true },
    },
    institutionOf('H37080200131'),
  );
  expect(filed.errors).toBeUndefined();
  const appeal = filed.data.fileAgreementDispute.appeal;
  expect(appeal).toMatchObject({ subject: 'AGREEMENT', status: 'FILED', decisionDocument: '济医保协〔2026〕中止3号' });
  const agency = { role: 'CITY_AGENCY' as const, region: '3708' };
  expect(errorCodes(await stack.query(DECIDE, { input: { appealId: appeal.id, outcome: 'CHANGED', newPoints: 0 } }, agency))[0].code).toBe('BAD_USER_INPUT');
  expect(
    (await stack.query(DECIDE, { input: { appealId: appeal.id, outcome: 'CHANGED', reason: '撤销中止决定' } }, agency)).data.decideAppeal.appeal.status,
  ).toBe('CHANGED');
  const institution = await stack.query(`{ institution(code: "H37080200131") { appeals { subject status } } }`);
  expect(institution.data.institution.appeals).toEqual([{ subject: 'AGREEMENT', status: 'CHANGED' }]);
});

test("the work queue lists open appeals by deadline within the caller's region", async () => {
  const queue = (filter: object, as: object) =>
    stack.query(
      `query($f: AppealQueueFilter) { appealQueue(filter: $f) { totalCount edges { node { status decideBy institution { code } } } } }`,
      { f: filter },
      as,
    );
  const jining = await queue({}, { role: 'CITY_AGENCY', region: '3708' });
  expect(jining.data.appealQueue.edges.map((e: any) => e.node.institution.code)).toEqual(['H37080200090']);
  const weihai = await queue({}, { role: 'CITY_AGENCY', region: '3710' });
  expect(weihai.data.appealQueue.edges.every((e: any) => e.node.institution.code.startsWith('H3710'))).toBe(true);
  const due = await queue({ dueBefore: '2026-03-20' }, { role: 'PROVINCIAL_AGENCY', region: '37' });
  expect(due.data.appealQueue.totalCount).toBe(0);
  expect(errorCodes(await queue({ regionPrefix: '3710' }, { role: 'CITY_AGENCY', region: '3708' }))[0].code).toBe('FORBIDDEN');
});

test('002 art.43–44: every step keeps its real date; the expert review excluded counts the working days between its real start and end', async () => {
  const { record } = await scoredDoctor('日期医师', 'N1-01');
  const agency = { role: 'CITY_AGENCY' as const, region: '3710', sub: 'weihai-agency' };
  const filed = await file(record.id, { receivedOn: '2026-03-11' });
  const appealId = filed.data.fileAppeal.appeal.id;
  // Wed 11 March + 20 wd, Qingming (4–6 April) off: 9 April.
  expect(filed.data.fileAppeal.appeal.decideBy).toBe('2026-04-09');
  const stepOn = (name: string, happenedOn: string) => stack.query(stepMutation(name), { input: { appealId, happenedOn } }, agency);

  expect(errorCodes(await stepOn('explainAppeal', '2026-03-10'))[0].code).toBe('BAD_USER_INPUT'); // before the filing
  expect(errorCodes(await stepOn('explainAppeal', '2026-03-17'))[0].code).toBe('BAD_USER_INPUT'); // in the future
  expect((await stepOn('explainAppeal', '2026-03-12')).errors).toBeUndefined();
  expect((await stepOn('startExpertReview', '2026-03-12')).data.startExpertReview.appeal.expertReviewStartedOn).toBe('2026-03-12');
  expect(errorCodes(await stepOn('completeExpertReview', '2026-03-11'))[0].code).toBe('BAD_USER_INPUT');
  // Recorded today (the 16th), the review ran from the 12th to Friday the 13th: one working day excluded.
  const completed = await stepOn('completeExpertReview', '2026-03-13');
  expect(completed.data.completeExpertReview.appeal.decideBy).toBe('2026-04-10');
  const decided = await stack.query(DECIDE, { input: { appealId, outcome: 'UPHELD', reason: '记分事实清楚', decidedOn: '2026-03-16' } }, agency);
  expect(decided.errors).toBeUndefined();
  expect(decided.data.decideAppeal.appeal).toMatchObject({ status: 'UPHELD', decidedOn: '2026-03-16' });
  expect(decided.data.decideAppeal.appeal.steps.map((s: any) => [s.action, s.happenedOn])).toEqual([
    ['FILE', '2026-03-11'],
    ['EXPLAIN', '2026-03-12'],
    ['START_EXPERT_REVIEW', '2026-03-12'],
    ['COMPLETE_EXPERT_REVIEW', '2026-03-13'],
    ['UPHOLD', '2026-03-16'],
  ]);
});

test('the real date of a withdrawal: never before the previous step', async () => {
  const { doctor, record } = await scoredDoctor('撤回日期医师', 'N1-01');
  const appealId = (await file(record.id, { receivedOn: '2026-03-13' })).data.fileAppeal.appeal.id;
  const person = { role: 'PERSON' as const, person: doctor.code, region: '371002' };
  const early = await stack.query(stepMutation('withdrawAppeal'), { input: { appealId, happenedOn: '2026-03-12' } }, person);
  expect(errorCodes(early)[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
  const withdrawn = await stack.query(stepMutation('withdrawAppeal'), { input: { appealId, happenedOn: '2026-03-13' } }, person);
  expect(withdrawn.data.withdrawAppeal.appeal.steps.map((s: any) => s.happenedOn)).toEqual(['2026-03-13', '2026-03-13']);
});
