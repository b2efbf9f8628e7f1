import { newDoctor, registerAt, score } from './fixtures';
import { startSeededStack, Stack } from './harness';

// The yearly liquidation (002 art.47–48) asks, for each service date, the status as it was
// enforced then and whether a later appeal annulled it (002 art.44): a clawback for an annulled
// period is refunded.
const WEIHAI = 'H37100200015';
const weihaiAgency = { role: 'CITY_AGENCY' as const, region: '3710' };
const hospital = { role: 'INSTITUTION' as const, institution: WEIHAI, region: '371002', sub: `staff-${WEIHAI}` };

let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
});
afterAll(() => stack?.stop());

test('a suspension annulled on appeal: its days stay suspended as enforced, marked annulled, and become payable after review', async () => {
  const doctor = newDoctor('清算医师');
  const [registrationId] = await registerAt(stack, doctor, [WEIHAI]);
  await stack.query(`mutation { signCommitment(input: { registrationId: "${registrationId}", signedOn: "2026-01-05" }) { registration { id } } }`);
  const first = await score(stack, '威医保罚〔2026〕清算-1号', '2026-03-02', [
    { personCode: doctor.code, institutionCode: WEIHAI, violationCode: 'N2-01', responsibility: 'MAIN' },
  ]);
  await score(stack, '威医保罚〔2026〕清算-2号', '2026-03-10', [
    { personCode: doctor.code, institutionCode: WEIHAI, violationCode: 'N1-01', responsibility: 'MAIN' },
  ]);
  await stack.eventsDelivered();

  const onTheDay = async () => {
    const status = await stack.query(
      `{ person(code: "${doctor.code}") { registrations { statusOn(date: "2026-03-12") { status statusAfterReview annulled basisDocument } } } }`,
    );
    const check = await stack.query(
      `{ paymentEligibility(personCode: "${doctor.code}", institutionCode: "${WEIHAI}", on: "2026-03-12") { payable status statusAfterReview annulled reason } }`,
    );
    const audit = await stack.query(`query($claims: [ClaimInput!]!) { auditClaims(claims: $claims) { rejectedCount } }`, {
      claims: [{ lineId: 'L1', personCode: doctor.code, institutionCode: WEIHAI, serviceDate: '2026-03-12', amount: 120 }],
    });
    return { statusOn: status.data.person.registrations[0].statusOn, check: check.data.paymentEligibility, rejected: audit.data.auditClaims.rejectedCount };
  };

  expect(await onTheDay()).toEqual({
    statusOn: { status: 'SUSPENDED', statusAfterReview: 'SUSPENDED', annulled: false, basisDocument: '威医保罚〔2026〕清算-2号' },
    check: { payable: false, status: 'SUSPENDED', statusAfterReview: 'SUSPENDED', annulled: false, reason: expect.stringContaining('suspended') },
    rejected: 1,
  });

  const filed = await stack.query(
    `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { id } } }`,
    {
      input: { scoreRecordId: first.data.recordScores.records[0].id, statement: '记分依据不足', signedByPerson: true, stampedByInstitution: true },
    },
    hospital,
  );
  await stack.query(
    `mutation($input: DecideAppealInput!) { decideAppeal(input: $input) { appeal { status } } }`,
    {
      input: { appealId: filed.data.fileAppeal.appeal.id, outcome: 'CHANGED', newPoints: 0, reason: '改变记分' },
    },
    weihaiAgency,
  );
  await stack.eventsDelivered();

  expect(await onTheDay()).toEqual({
    statusOn: { status: 'SUSPENDED', statusAfterReview: 'NORMAL', annulled: true, basisDocument: '威医保罚〔2026〕清算-2号' },
    check: {
      payable: true,
      status: 'SUSPENDED',
      statusAfterReview: 'NORMAL',
      annulled: true,
      reason: expect.stringContaining('a clawback for it is refunded'),
    },
    rejected: 0,
  });
  const history = await stack.query(`{ person(code: "${doctor.code}") { status statusHistory { status statusAfterReview annulled from until } } }`);
  expect(history.data.person).toEqual({
    status: 'NORMAL',
    statusHistory: [
      { status: 'NORMAL', statusAfterReview: 'NORMAL', annulled: false, from: '2026-01-05', until: '2026-03-09' },
      { status: 'SUSPENDED', statusAfterReview: 'NORMAL', annulled: true, from: '2026-03-10', until: '2026-03-15' },
      { status: 'NORMAL', statusAfterReview: 'NORMAL', annulled: false, from: '2026-03-16', until: null },
    ],
  });
});
