import { DEMO_PEOPLE, MULTI_SITE_DOCTOR, withCheckCharacter } from '../scripts/src/demo';
import { errorCodes, startSeededStack, Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
});
afterAll(() => stack?.stop());

const MEASURE_FIELDS =
  'institution { code agreement { status suspensionCount renewalPending validUntil } } measures { action trigger flagsTermination responsiblePersonCodes institutionCode: reason }';
const measure = (name: string, input: object, as?: object) =>
  stack.query(`mutation($input: AgreementMeasureInput!) { ${name}(input: $input) { ${MEASURE_FIELDS} } }`, { input }, as);
const statusAt = async (personCode: string) =>
  (await stack.query(`{ person(code: "${personCode}") { status registrations(includeCancelled: true) { status institution { code } } } }`)).data.person;

test('R7: suspending an agreement suspends only the persons responsible; resuming restores them', async () => {
  const suspended = await measure('suspendAgreement', {
    institutionCode: 'H37080200090',
    reason: '违规结算',
    basisDocument: '济医保协〔2026〕中止1号',
    responsiblePersonCodes: [DEMO_PEOPLE.nurse.code],
  });
  expect(suspended.errors).toBeUndefined();
  expect(suspended.data.suspendAgreement.institution.agreement).toMatchObject({ status: 'SUSPENDED', suspensionCount: 1 });
  await stack.eventsDelivered();

  expect(await statusAt(DEMO_PEOPLE.nurse.code)).toEqual({
    status: 'SUSPENDED',
    registrations: [{ status: 'SUSPENDED', institution: { code: 'H37080200090' } }],
  });
  const doctor = await statusAt(MULTI_SITE_DOCTOR);
  expect(doctor.registrations).toEqual([
    { status: 'NORMAL', institution: { code: 'H37080200090' } },
    { status: 'NORMAL', institution: { code: 'H37100200015' } },
  ]);
  const eligibility = await stack.query(
    `{ paymentEligibility(personCode: "${MULTI_SITE_DOCTOR}", institutionCode: "H37080200090", on: "2026-03-16") { payable reason } }`,
  );
  expect(eligibility.data.paymentEligibility).toMatchObject({ payable: false, reason: expect.stringContaining('agreement') });

  expect(errorCodes(await measure('suspendAgreement', { institutionCode: 'H37080200090', reason: 'again' }))[0].code).toBe('INVALID_STATE');
  const resumed = await measure('resumeAgreement', { institutionCode: 'H37080200090', reason: '整改到位' });
  expect(resumed.data.resumeAgreement.institution.agreement.status).toBe('ACTIVE');
  await stack.eventsDelivered();
  expect((await statusAt(DEMO_PEOPLE.nurse.code)).registrations[0].status).toBe('NORMAL');

  const second = await measure('suspendAgreement', { institutionCode: 'H37080200090', reason: '再次违规', requestedDays: 30 });
  const history = await stack.query(`{ institution(code: "H37080200090") { measures { action responsiblePersonCodes flagsTermination } } }`);
  expect(history.data.institution.measures).toEqual([
    { action: 'SUSPEND', responsiblePersonCodes: [DEMO_PEOPLE.nurse.code], flagsTermination: false },
    { action: 'RESUME', responsiblePersonCodes: [], flagsTermination: false },
    { action: 'SUSPEND', responsiblePersonCodes: [], flagsTermination: true },
  ]);
  expect(second.data.suspendAgreement.measures[0]).toMatchObject({ action: 'SUSPEND', flagsTermination: true });
  expect(errorCodes(await measure('resumeAgreement', { institutionCode: 'H37080200131', reason: 'x' }))[0].code).toBe('INVALID_STATE');
  expect(errorCodes(await measure('suspendAgreement', { institutionCode: 'H37080200131', reason: 'x', requestedDays: 181 }))[0].code).toBe('BAD_USER_INPUT');
});

test("G13, 003 art.32(十五): a termination the chain headquarters caused terminates the chain's other pharmacies, and the principal at both", async () => {
  const owner = {
    owner: '济宁仁和医药连锁有限公司',
    agreementValidFrom: '2026-01-01',
    agreementValidUntil: '2026-12-31',
    kind: 'PHARMACY',
    regionCode: '370802',
  };
  const imported = await stack.query(`mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code owner } } }`, {
    input: {
      institutions: [
        { code: 'P37080201036', name: '济宁仁和大药房（太白湖店）', ...owner },
        { code: 'P37080201037', name: '济宁仁和大药房（古槐店）', ...owner },
      ],
    },
  });
  expect(imported.errors).toBeUndefined();
  const terminated = await measure('terminateAgreement', {
    institutionCode: 'P37080201036',
    reason: '连锁总部实际控制人组织串换药品骗取医保基金',
    trigger: 'FRAUD',
    causedByChainHeadquarters: true,
    responsiblePersonCodes: [DEMO_PEOPLE.pharmacyPrincipal.code],
  });
  expect(terminated.data.terminateAgreement.measures.map((m: any) => m.trigger)).toEqual(['FRAUD', 'CHAIN_OWNER_TERMINATED']);
  await stack.eventsDelivered();
  const sibling = await stack.query(`{ institution(code: "P37080201037") { agreement { status } } }`);
  expect(sibling.data.institution.agreement.status).toBe('TERMINATED');
  expect((await statusAt(DEMO_PEOPLE.pharmacyPrincipal.code)).registrations.map((r: any) => r.status)).toEqual(['TERMINATED', 'TERMINATED']);
  expect(errorCodes(await measure('terminateAgreement', { institutionCode: 'P37080201036', reason: 'again', trigger: 'FRAUD' }))[0].code).toBe('INVALID_STATE');
});

test('G12: an agreement suspended for more than 180 days without resuming is terminated by the deadline job', async () => {
  stack.clock.set('2025-09-01');
  await measure('suspendAgreement', {
    institutionCode: 'H37080200131',
    reason: '自查整改',
    requestedDays: 180,
    responsiblePersonCodes: [DEMO_PEOPLE.suspendedDoctor.code],
  });
  stack.clock.set('2026-02-28');
  expect(await stack.runScheduledJob('agreements')).toEqual([]);
  stack.clock.set('2026-03-16');
  expect(await stack.runScheduledJob('agreements')).toEqual(['H37080200131']);
  const institution = await stack.query(`{ institution(code: "H37080200131") { agreement { status } } }`);
  expect(institution.data.institution.agreement.status).toBe('TERMINATED');
  // The run that changed something is audited; the one that changed nothing is not.
  const audit = await stack.query(
    `{ agreementsAuditLog(filter: { operation: "overdue-suspensions" }) { totalCount edges { node { caller callerRole target } } } }`,
  );
  expect(audit.data.agreementsAuditLog).toEqual({
    totalCount: 1,
    edges: [{ node: { caller: 'system:overdue-suspensions', callerRole: 'SERVICE', target: 'H37080200131' } }],
  });
});

test('G9: renewal from 3 months before expiry keeps the agreement valid past its end until decided', async () => {
  stack.clock.set('2026-03-16');
  const early = await stack.query(
    `mutation { renewAgreement(input: { institutionCode: "H37100200015" }) { institution { code } } }`,
    {},
    { role: 'INSTITUTION', institution: 'H37100200015', region: '371002' },
  );
  expect(errorCodes(early)[0].code).toBe('INVALID_STATE');
  const { validUntil } = (await stack.query(`{ institution(code: "H37100200015") { agreement { validUntil } } }`)).data.institution.agreement;
  const [y, m, d] = validUntil.split('-').map(Number);
  stack.clock.set(new Date(Date.UTC(y, m - 2, d)).toISOString().slice(0, 10));
  const asked = await stack.query(
    `mutation { renewAgreement(input: { institutionCode: "H37100200015" }) { institution { agreement { renewalPending } } } }`,
    {},
    { role: 'INSTITUTION', institution: 'H37100200015', region: '371002' },
  );
  expect(asked.data.renewAgreement.institution.agreement.renewalPending).toBe(true);
  stack.clock.set(new Date(Date.UTC(y, m - 1, d + 10)).toISOString().slice(0, 10));
  expect((await stack.query(`{ institution(code: "H37100200015") { agreement { status } } }`)).data.institution.agreement.status).toBe('ACTIVE');
  const renewed = await stack.query(
    `mutation { renewAgreement(input: { institutionCode: "H37100200015", approve: true }) { institution { agreement { status validUntil } agreements { validUntil } } } }`,
  );
  expect(renewed.data.renewAgreement.institution.agreements).toHaveLength(2);
  expect(renewed.data.renewAgreement.institution.agreement.status).toBe('ACTIVE');
  stack.clock.set('2026-03-16');
});

test("E3: payment on a past day follows the agreement's status that day — a suspension since lifted still stops its days, in eligibility and in the claims audit", async () => {
  const code = 'H37080200555';
  stack.clock.set('2026-01-05');
  const imported = await stack.query(`mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code } } }`, {
    input: {
      institutions: [
        { code, name: '济宁东城医院', kind: 'MEDICAL', regionCode: '370802', agreementValidFrom: '2026-01-01', agreementValidUntil: '2026-12-31' },
      ],
    },
  });
  expect(imported.errors).toBeUndefined();
  await stack.eventsDelivered();
  const doctor = { code: 'D370802000555', name: '东城医师', category: 'DOCTOR', idNumber: withCheckCharacter('37080219800101555'), registeredOn: '2026-01-05' };
  const registered = await stack.query(`mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }`, {
    input: { institutionCode: code, people: [doctor] },
  });
  const registrationId = registered.data.registerPersonnel.registrations[0].id;
  await stack.query(`mutation($input: SignCommitmentInput!) { signCommitment(input: $input) { registration { id } } }`, {
    input: { registrationId, signedOn: '2026-01-05' },
  });

  stack.clock.set('2026-03-02');
  expect((await measure('suspendAgreement', { institutionCode: code, reason: '违规结算整改' })).errors).toBeUndefined();
  stack.clock.set('2026-03-10');
  const resumed = await measure('resumeAgreement', { institutionCode: code, reason: '整改到位' });
  expect(resumed.errors).toBeUndefined();
  await stack.eventsDelivered();
  stack.clock.set('2026-03-16');
  const agreement = await stack.query(`{ institution(code: "${code}") { agreement { status statusSince } } }`);
  expect(agreement.data.institution.agreement).toEqual({ status: 'ACTIVE', statusSince: '2026-03-10' });

  // The day before the suspension, its first and last day, the day it was lifted, today.
  const days = { '2026-03-01': true, '2026-03-02': false, '2026-03-09': false, '2026-03-10': true, '2026-03-16': true };
  for (const [on, payable] of Object.entries(days)) {
    const eligibility = await stack.query(`{ paymentEligibility(personCode: "${doctor.code}", institutionCode: "${code}", on: "${on}") { payable reason } }`);
    expect([on, eligibility.data.paymentEligibility.payable]).toEqual([on, payable]);
  }
  const audit = await stack.query(`query($claims: [ClaimInput!]!) { auditClaims(claims: $claims) { checked rejected { lineId reason } } }`, {
    claims: Object.keys(days).map((on) => ({ lineId: on, personCode: doctor.code, institutionCode: code, serviceDate: on, amount: 100 })),
  });
  expect(audit.data.auditClaims.checked).toBe(5);
  expect(audit.data.auditClaims.rejected).toEqual([
    { lineId: '2026-03-02', reason: expect.stringContaining('agreement') },
    { lineId: '2026-03-09', reason: expect.stringContaining('agreement') },
  ]);

  // A suspension recorded today that took effect four days ago stops those days too, not earlier ones.
  expect((await measure('suspendAgreement', { institutionCode: code, reason: '再次违规', effectiveOn: '2026-03-12' })).errors).toBeUndefined();
  await stack.eventsDelivered();
  const payableOn = async (on: string) =>
    (await stack.query(`{ paymentEligibility(personCode: "${doctor.code}", institutionCode: "${code}", on: "${on}") { payable } }`)).data.paymentEligibility
      .payable;
  expect([await payableOn('2026-03-09'), await payableOn('2026-03-11'), await payableOn('2026-03-12'), await payableOn('2026-03-16')]).toEqual([
    false,
    true,
    false,
    false,
  ]);
});

describe('designation (G2–G8, G10, G11)', () => {
  const PHARMACY_MATERIALS = [
    'APPLICATION_FORM',
    'DRUG_BUSINESS_LICENCE',
    'BUSINESS_LICENCE',
    'PHARMACIST_CERTIFICATES',
    'STAFF_CONTRACTS',
    'INSURANCE_RULES',
    'IT_SYSTEM',
  ];
  const FIELDS = 'id status dueBy findings { refusals missingMaterials } steps { action toStatus }';
  const step = (applicationId: string, action: string, extra: object = {}) =>
    stack.query(`mutation($input: DesignationStepInput!) { designationStep(input: $input) { application { ${FIELDS} } } }`, {
      input: { applicationId, action, ...extra },
    });
  const conditions = {
    operatingMonths: 5,
    contributionMonths: 5,
    hasInsuranceRules: true,
    hasItInterface: true,
    insuranceStaff: 2,
    hasDrugBusinessLicence: true,
    licensedPharmacists: 1,
    insuranceStaffOnYearContracts: 2,
  };

  afterAll(() => stack.clock.set('2026-03-16'));

  test('a pharmacy goes from application to a signed agreement, each step on its deadline, can then register staff, and its IT hook-up is confirmed', async () => {
    stack.clock.set('2026-03-16');
    const submitted = await stack.query(`mutation($input: SubmitDesignationInput!) { submitDesignation(input: $input) { application { ${FIELDS} } } }`, {
      input: { institutionCode: 'P37080201099', name: '济宁康宁大药房', kind: 'PHARMACY', regionCode: '370802', conditions, materials: PHARMACY_MATERIALS },
    });
    const application = submitted.data.submitDesignation.application;
    expect(application).toMatchObject({ status: 'SUBMITTED', dueBy: '2026-03-23', findings: { refusals: [], missingMaterials: ['SOCIAL_INSURANCE_PROOF'] } });
    expect(errorCodes(await step(application.id, 'ACCEPT'))[0].code).toBe('BAD_USER_INPUT');
    expect((await step(application.id, 'REQUEST_SUPPLEMENT', { note: '请补充社保缴费证明' })).data.designationStep.application).toMatchObject({
      status: 'SUPPLEMENT_REQUESTED',
      dueBy: '2026-03-23',
    });
    const supplemented = await stack.query(
      `mutation($input: DesignationStepInput!) { designationStep(input: $input) { application { ${FIELDS} } } }`,
      {
        input: { applicationId: application.id, action: 'SUPPLEMENT', materials: ['SOCIAL_INSURANCE_PROOF'] },
      },
      { role: 'INSTITUTION', institution: 'P37080201099', region: '370802' },
    );
    expect(supplemented.data.designationStep.application.findings.missingMaterials).toEqual([]);
    expect((await step(application.id, 'ACCEPT')).data.designationStep.application).toMatchObject({ status: 'ACCEPTED', dueBy: '2026-06-16' });
    expect((await step(application.id, 'PASS_EVALUATION')).data.designationStep.application).toMatchObject({ status: 'PUBLICITY', dueBy: '2026-03-25' });
    expect(errorCodes(await step(application.id, 'COLLECTIVE_DECISION'))[0].code).toBe('INVALID_STATE');
    stack.clock.set('2026-03-26');
    expect((await step(application.id, 'COLLECTIVE_DECISION')).data.designationStep.application).toMatchObject({
      status: 'SUPERVISION_PUBLICITY',
      dueBy: '2026-04-02',
    });
    stack.clock.set('2026-04-03');
    expect((await step(application.id, 'START_NEGOTIATION')).data.designationStep.application).toMatchObject({ status: 'NEGOTIATION', dueBy: '2026-05-03' });
    const signed = await step(application.id, 'SIGN');
    expect(signed.data.designationStep.application.status).toBe('SIGNED');
    expect(signed.data.designationStep.application.steps.map((s: any) => s.action)).toEqual([
      'SUBMIT',
      'REQUEST_SUPPLEMENT',
      'SUPPLEMENT',
      'ACCEPT',
      'PASS_EVALUATION',
      'COLLECTIVE_DECISION',
      'START_NEGOTIATION',
      'SIGN',
    ]);
    await stack.eventsDelivered();

    const institution = await stack.query(`{ institution(code: "P37080201099") { name agreement { status validFrom validUntil } } }`);
    expect(institution.data.institution).toEqual({
      name: '济宁康宁大药房',
      agreement: { status: 'ACTIVE', validFrom: '2026-04-03', validUntil: '2027-04-02' },
    });
    const principal = { code: 'HY370802000999', name: '孙药师', category: 'PHARMACY_PRINCIPAL', idNumber: withCheckCharacter('37080219700101001') };
    const registered = await stack.query(`mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { status } } }`, {
      input: { institutionCode: 'P37080201099', people: [principal] },
    });
    expect(registered.errors?.[0]?.extensions?.entries ?? registered.data.registerPersonnel.registrations).toEqual([{ status: 'NORMAL' }]);
    const list = await stack.query(`{ designatedInstitutions(regionPrefix: "3708", month: "2026-04") { code } }`);
    expect(list.data.designatedInstitutions.map((i: any) => i.code)).toContain('P37080201099');

    // G8 (003 art.17): the IT hook-up is due 15 working days after the signing; the work queue
    // shows it until the agency confirms it, late or not. The institution cannot confirm it itself.
    const queue = async () => (await stack.query(`{ designationQueue(regionPrefix: "3708") { id status dueBy } }`)).data.designationQueue;
    expect(await queue()).toContainEqual({ id: application.id, status: 'SIGNED', dueBy: '2026-04-27' });
    stack.clock.set('2026-04-28');
    const byInstitution = await stack.query(
      `mutation($input: DesignationStepInput!) { designationStep(input: $input) { application { id } } }`,
      { input: { applicationId: application.id, action: 'CONFIRM_CONNECTION' } },
      { role: 'INSTITUTION', institution: 'P37080201099', region: '370802' },
    );
    expect(errorCodes(byInstitution)[0].code).toBe('FORBIDDEN');
    const connected = await step(application.id, 'CONFIRM_CONNECTION', { note: '接口改造及编码对应完成' });
    expect(connected.data.designationStep.application).toMatchObject({ status: 'CONNECTED', dueBy: null });
    expect(connected.data.designationStep.application.steps.at(-1)).toEqual({ action: 'CONFIRM_CONNECTION', toStatus: 'CONNECTED' });
    expect((await queue()).map((a: { id: string }) => a.id)).not.toContain(application.id);
    expect(errorCodes(await step(application.id, 'CONFIRM_CONNECTION'))[0].code).toBe('INVALID_STATE');
  });

  test('G11 the fund gate closes inpatient applications; G4 history and conditions are findings', async () => {
    stack.clock.set('2026-03-16');
    await stack.query(`mutation { setFundGate(input: { regionPrefix: "3708", year: 2026, inpatientClosed: true }) }`);
    const medical = {
      operatingMonths: 12,
      contributionMonths: 12,
      hasInsuranceRules: true,
      hasItInterface: true,
      insuranceStaff: 3,
      doctorsFirstRegisteredHere: 5,
      beds: 150,
      inpatient: true,
    };
    const submitted = await stack.query(
      `mutation($input: SubmitDesignationInput!) { submitDesignation(input: $input) { application { id findings { refusals } } } }`,
      {
        input: { institutionCode: 'H37080200777', name: '济宁新建医院', kind: 'MEDICAL', regionCode: '370802', conditions: medical, materials: [] },
      },
    );
    expect(submitted.data.submitDesignation.application.findings.refusals).toEqual([expect.stringContaining('100 beds'), expect.stringContaining('G11')]);
    expect((await step(submitted.data.submitDesignation.application.id, 'NOT_ACCEPT', { note: '不符合条件' })).data.designationStep.application.status).toBe(
      'NOT_ACCEPTED',
    );
  });

  test('G10 an important change is filed within 30 working days and applied when approved', async () => {
    stack.clock.set('2026-03-16');
    const late = await stack.query(
      `mutation { fileInformationChange(input: { institutionCode: "H37100200015", changedOn: "2026-01-05", principal: "李院长" }) { change { id } } }`,
    );
    expect(errorCodes(late)[0].code).toBe('DEADLINE_PASSED');
    const filed = await stack.query(
      `mutation { fileInformationChange(input: { institutionCode: "H37100200015", changedOn: "2026-03-02", name: "威海市立医院（东院区）" }) { change { id status reviewBy } } }`,
      {},
      { role: 'INSTITUTION', institution: 'H37100200015', region: '371002' },
    );
    expect(filed.data.fileInformationChange.change).toMatchObject({ status: 'FILED', reviewBy: '2026-04-28' });
    await stack.query(`mutation($id: ID!) { reviewInformationChange(input: { changeId: $id, approve: true }) { change { status } } }`, {
      id: filed.data.fileInformationChange.change.id,
    });
    expect((await stack.query(`{ institution(code: "H37100200015") { name } }`)).data.institution.name).toBe('威海市立医院（东院区）');
  });
});
