import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newDoctor, OFFICIAL_2027, registerAt, score } from './fixtures';
import { startSeededStack, Stack } from './harness';

// An appeal window counted on a provisional year and closed by it is counted again, and reopened
// where it must be, once the official schedule is loaded (A1).
const WEIHAI = 'H37100200015';
const hospital = { role: 'INSTITUTION' as const, institution: WEIHAI, region: '371002', sub: `staff-${WEIHAI}` };
const calendarDirectory = mkdtempSync(path.join(tmpdir(), 'scoring-deadlines-'));
const NOTICE = `query($code: ID!) { person(code: $code) { scoreRecords(year: 2027) { id notice { documentNumber appealBy appealByProvisional } } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack('2027-01-29', { calendarDirectory });
});
afterAll(() => stack?.stop());

test('A1: an appeal window closed on a provisional Spring Festival is counted again on the official one and reopens', async () => {
  const doctor = newDoctor('临时日历申诉医师');
  await registerAt(stack, doctor, [WEIHAI], '2027-01-04');
  const scored = await score(stack, `威医保罚〔2027〕${doctor.code}号`, '2027-01-25', [
    { personCode: doctor.code, institutionCode: WEIHAI, violationCode: 'N1-01', responsibility: 'MAIN' },
  ]);
  expect(scored.errors).toBeUndefined();
  const notice = async () => (await stack.query(NOTICE, { code: doctor.code })).data.person.scoreRecords[0];
  const delivered = await stack.query(`mutation($input: DeliverNoticeInput!) { deliverNotice(input: $input) { notice { appealBy appealByProvisional } } }`, {
    input: { documentNumber: (await notice()).notice.documentNumber, deliveredOn: '2027-01-29' },
  });
  expect(delivered.errors).toBeUndefined();
  // Provisionally 5–10 February off: 10 working days after Friday 29 January end on 18 February.
  expect(delivered.data.deliverNotice.notice).toEqual({ appealBy: '2027-02-18', appealByProvisional: true });
  await stack.eventsDelivered();

  stack.clock.set('2027-02-19');
  writeFileSync(path.join(calendarDirectory, '2027.json'), JSON.stringify(OFFICIAL_2027));
  await stack.calendar.reload();
  await stack.eventsDelivered();
  const { id, notice: moved } = await notice();
  expect(moved).toMatchObject({ appealBy: '2027-02-20', appealByProvisional: false });
  // Appeals heard of the moved window: an appeal filed on 19 February is on time.
  const filed = await stack.query(
    `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { status } } }`,
    {
      input: { scoreRecordId: id, statement: '记分依据不足，申请复核', signedByPerson: true, stampedByInstitution: true },
    },
    hospital,
  );
  expect(filed.errors).toBeUndefined();
});
