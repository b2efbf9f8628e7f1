import fc from 'fast-check';
import { DEMO_INSTITUTIONS, DEMO_PEOPLE, MULTI_SITE_DOCTOR, withCheckCharacter } from '../scripts/src/demo';
import { errorCodes, startSeededStack, Stack } from './harness';

// A person's status at every site follows from all of its causes (R5–R7), and payment follows from the status (E1).
let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
});
afterAll(() => stack?.stop());

const HOSPITAL_A = 'H37080200090';
const HOSPITAL_B = 'H37100200015';
const HOSPITAL_C = 'H37080200131';

const measure = async (name: string, input: object) => {
  const response = await stack.query(`mutation($input: AgreementMeasureInput!) { ${name}(input: $input) { institution { code } } }`, { input });
  expect(response.errors).toBeUndefined();
  await stack.eventsDelivered();
};
const statusOf = async (code: string) =>
  (await stack.query(`{ person(code: "${code}") { status registrations { status institution { code } } } }`)).data.person as {
    status: string;
    registrations: { status: string; institution: { code: string } }[];
  };
const sites = (person: { registrations: { status: string; institution: { code: string } }[] }) =>
  Object.fromEntries(person.registrations.map((r) => [r.institution.code, r.status]));
const eligibility = async (personCode: string, institutionCode: string, on = '2026-03-16') =>
  (await stack.query(`{ paymentEligibility(personCode: "${personCode}", institutionCode: "${institutionCode}", on: "${on}") { payable reason status } }`)).data
    .paymentEligibility;
const registerAtC = (registeredOn = '2026-03-16') =>
  stack.query(`mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }`, {
    input: { institutionCode: HOSPITAL_C, people: [{ ...DEMO_PEOPLE.multiSiteDoctor, registeredOn }] },
  });

describe('002 art.34 ¶2 and ¶4: an agreement measure reaches the responsible person at every site', () => {
  test('suspended at A → suspended and unpaid at B, and C may not register them; the person not responsible keeps working', async () => {
    await measure('suspendAgreement', {
      institutionCode: HOSPITAL_A,
      reason: '违规结算',
      basisDocument: '济医保协〔2026〕中止7号',
      responsiblePersonCodes: [MULTI_SITE_DOCTOR],
    });

    const doctor = await statusOf(MULTI_SITE_DOCTOR);
    expect(doctor.status).toBe('SUSPENDED');
    expect(sites(doctor)).toEqual({ [HOSPITAL_A]: 'SUSPENDED', [HOSPITAL_B]: 'SUSPENDED' });
    expect(await eligibility(MULTI_SITE_DOCTOR, HOSPITAL_B)).toMatchObject({ payable: false, status: 'SUSPENDED' });
    expect(errorCodes(await registerAtC())).toEqual([
      { code: 'REGISTRATION_BANNED', entries: [expect.objectContaining({ index: 0, code: 'REGISTRATION_BANNED' })] },
    ]);

    const nurse = await statusOf(DEMO_PEOPLE.nurse.code);
    expect(nurse.status).toBe('NORMAL');
    expect(sites(nurse)).toEqual({ [HOSPITAL_A]: 'NORMAL' });
  });

  test('resumed → normal again at every site; terminated while suspended → terminated at every site', async () => {
    stack.clock.set('2026-03-20');
    await measure('resumeAgreement', { institutionCode: HOSPITAL_A, reason: '整改到位' });
    expect(sites(await statusOf(MULTI_SITE_DOCTOR))).toEqual({ [HOSPITAL_A]: 'NORMAL', [HOSPITAL_B]: 'NORMAL' });
    expect(await eligibility(MULTI_SITE_DOCTOR, HOSPITAL_B, '2026-03-20')).toMatchObject({ payable: true, status: 'NORMAL' });

    stack.clock.set('2026-04-01');
    await measure('suspendAgreement', { institutionCode: HOSPITAL_A, reason: '再次违规', responsiblePersonCodes: [MULTI_SITE_DOCTOR] });
    stack.clock.set('2026-04-15');
    await measure('terminateAgreement', { institutionCode: HOSPITAL_A, reason: '协议期内两次中止', trigger: 'REPEATED_SUSPENSION' });
    const doctor = await statusOf(MULTI_SITE_DOCTOR);
    expect(doctor.status).toBe('TERMINATED');
    expect(sites(doctor)).toEqual({ [HOSPITAL_A]: 'TERMINATED', [HOSPITAL_B]: 'TERMINATED' });
    expect(await eligibility(MULTI_SITE_DOCTOR, HOSPITAL_B, '2026-04-15')).toMatchObject({ payable: false, status: 'TERMINATED' });
    expect(errorCodes(await registerAtC('2026-04-15'))[0].code).toBe('REGISTRATION_BANNED');

    // The history keeps each stretch with its cause (R11); B's days between the measures stay payable (E3).
    const history = await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { statusHistory { status from institution { code } } } }`);
    const atB = history.data.person.statusHistory.filter((s: any) => s.institution.code === HOSPITAL_B).map((s: any) => [s.status, s.from]);
    expect(atB).toEqual([
      ['NORMAL', '2025-11-16'],
      ['SUSPENDED', '2026-03-16'],
      ['NORMAL', '2026-03-20'],
      ['SUSPENDED', '2026-04-01'],
      ['TERMINATED', '2026-04-15'],
    ]);
    expect(await eligibility(MULTI_SITE_DOCTOR, HOSPITAL_B, '2026-03-25')).toMatchObject({ payable: true });
  });
});

describe('E1, R8: one verdict for a claim — paymentEligibility and auditClaims agree', () => {
  const unsigned = { code: 'D370802000999', name: '赵敏', category: 'DOCTOR', idNumber: withCheckCharacter('37080219900101001') };

  beforeAll(async () => {
    const registered = await stack.query(`mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }`, {
      input: { institutionCode: HOSPITAL_C, people: [{ ...unsigned, registeredOn: '2026-03-02' }] },
    });
    expect(registered.errors).toBeUndefined();
    await stack.eventsDelivered();
  });

  const audit = async (lines: { personCode: string; institutionCode: string; serviceDate: string; emergency: boolean }[]) => {
    const claims = lines.map((line, i) => ({ lineId: `L${i}`, amount: 10, ...line }));
    const response = await stack.query(`query($claims: [ClaimInput!]!) { auditClaims(claims: $claims) { checked rejected { lineId reason status } } }`, {
      claims,
    });
    expect(response.errors).toBeUndefined();
    return new Map<string, { reason: string; status: string }>(response.data.auditClaims.rejected.map((r: any) => [r.lineId, r]));
  };
  const checks = async (lines: { personCode: string; institutionCode: string; serviceDate: string; emergency: boolean }[]) => {
    const fields = lines.map(
      (line, i) =>
        `c${i}: paymentEligibility(personCode: "${line.personCode}", institutionCode: "${line.institutionCode}", on: "${line.serviceDate}", emergency: ${line.emergency}) { payable reason status }`,
    );
    const response = await stack.query(`{ ${fields.join('\n')} }`);
    expect(response.errors).toBeUndefined();
    return lines.map((_, i) => response.data[`c${i}`] as { payable: boolean; reason: string; status: string });
  };

  test('a person who never signed the service commitment is paid by neither (R8: NULL is not a signature)', async () => {
    const line = { personCode: unsigned.code, institutionCode: HOSPITAL_C, serviceDate: '2026-03-10', emergency: false };
    const [check] = await checks([line]);
    expect(check).toMatchObject({ payable: false, reason: expect.stringContaining('service commitment') });
    expect((await audit([line])).get('L0')).toEqual({ lineId: 'L0', reason: check.reason, status: check.status });
  });

  test('on generated claim lines — every person, institution, date and emergency — both give the same verdict and reason', async () => {
    const people = [...Object.values(DEMO_PEOPLE).map((p) => p.code), unsigned.code, 'D370802000000'];
    const line = fc.record({
      personCode: fc.constantFrom(...people),
      institutionCode: fc.constantFrom(...DEMO_INSTITUTIONS.map((i) => i.code), 'H37080299999'),
      serviceDate: fc.integer({ min: 0, max: 420 }).map((days) => new Date(Date.UTC(2025, 6, 1 + days)).toISOString().slice(0, 10)),
      emergency: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 25 }), async (lines) => {
        const [rejected, verdicts] = await Promise.all([audit(lines), checks(lines)]);
        verdicts.forEach((verdict, i) => {
          const rejection = rejected.get(`L${i}`);
          expect(rejection === undefined).toBe(verdict.payable);
          if (rejection) expect(rejection).toEqual({ lineId: `L${i}`, reason: verdict.reason, status: verdict.status });
        });
      }),
      { numRuns: 40, seed: 17 },
    );
  });

  test('cancelled and registered anew at the same institution on the same day: the new registration answers for the days after (E1, R4)', async () => {
    const registrations = await stack.query(`{ person(code: "${unsigned.code}") { registrations { id } } }`);
    const cancelled = await stack.query(`mutation($input: CancelRegistrationInput!) { cancelRegistration(input: $input) { registration { status } } }`, {
      input: { registrationId: registrations.data.person.registrations[0].id, on: '2026-03-05', reason: '合同变更' },
    });
    expect(cancelled.data.cancelRegistration.registration.status).toBe('CANCELLED');
    const again = await stack.query(`mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }`, {
      input: { institutionCode: HOSPITAL_C, people: [{ ...unsigned, registeredOn: '2026-03-05' }] },
    });
    const id = again.data.registerPersonnel.registrations[0].id;
    await stack.query(`mutation { signCommitment(input: { registrationId: "${id}", signedOn: "2026-03-05" }) { registration { id } } }`);
    const line = { personCode: unsigned.code, institutionCode: HOSPITAL_C, serviceDate: '2026-03-10', emergency: false };
    const [check] = await checks([line]);
    expect(check).toMatchObject({ payable: true, status: 'NORMAL' });
    expect((await audit([line])).size).toBe(0);
  });
});

test('a measure dated ahead changes the stored status on its day, by the registry job', async () => {
  const technician = DEMO_PEOPLE.technician.code;
  const asked = await stack.query(`mutation($input: AgreementMeasureInput!) { terminateAgreement(input: $input) { institution { code } } }`, {
    input: { institutionCode: HOSPITAL_B, reason: '机构申请解除协议', trigger: 'INSTITUTION_REQUEST', effectiveOn: '2026-07-15', applyToAllStaff: true },
  });
  expect(asked.errors).toBeUndefined();
  await stack.eventsDelivered();
  stack.clock.set('2026-07-14');
  expect(await stack.runScheduledJob('registry')).toEqual([]);
  expect(sites(await statusOf(technician))).toEqual({ [HOSPITAL_B]: 'NORMAL' });
  stack.clock.set('2026-07-15');
  expect(await stack.runScheduledJob('registry')).toEqual([technician]);
  expect(
    (await stack.query(`{ registryAuditLog(filter: { operation: "statuses-taking-effect" }) { edges { node { caller target } } } }`)).data.registryAuditLog
      .edges,
  ).toEqual([{ node: { caller: 'system:statuses-taking-effect', target: technician } }]);
  expect((await stack.query(`{ person(code: "${technician}") { registrations(includeCancelled: true) { status } } }`)).data.person.registrations).toEqual([
    { status: 'TERMINATED' },
  ]);
});
