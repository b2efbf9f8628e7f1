import { withCheckCharacter } from '../scripts/src/demo';
import { errorCodes, Stack, startStack } from './harness';

/** A measure reaches the agreements the regulation links to it (003 art.32(十五), art.33 ¶2), and no others. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ today: '2026-03-16' });
});
afterAll(() => stack?.stop());
afterEach(() => stack.clock.set('2026-03-16'));

const WEIHAI_AGENCY = { role: 'CITY_AGENCY', region: '371002' } as const;
const VALIDITY = { agreementValidFrom: '2026-01-01', agreementValidUntil: '2026-12-31' };
const MEASURE_FIELDS = 'institution { code } measures { institutionCode regionCode action trigger causedByChainHeadquarters reason }';

const importInstitutions = async (institutions: object[]) => {
  const imported = await stack.query(`mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code } } }`, {
    input: { institutions },
  });
  expect(imported.errors).toBeUndefined();
};
const measure = (name: string, input: object, as?: object) =>
  stack.query(`mutation($input: AgreementMeasureInput!) { ${name}(input: $input) { ${MEASURE_FIELDS} } }`, { input }, as);
const agreementStatus = async (code: string) =>
  (await stack.query(`{ institution(code: "${code}") { agreement { status } } }`)).data.institution.agreement.status;
const regional = async (code: string) =>
  (await stack.query(`{ institution(code: "${code}") { agreement { regionCode status } regionalAgreements { regionCode status } } }`)).data.institution;

describe("003 art.32(十五): a chain's other pharmacies are terminated only where its headquarters caused the termination", () => {
  const chain = { kind: 'PHARMACY', regionCode: '370802', owner: '济宁百草堂医药连锁有限公司', ...VALIDITY };
  beforeAll(() =>
    importInstitutions([
      { code: 'P37080202001', name: '百草堂（红星店）', ...chain },
      { code: 'P37080202002', name: '百草堂（吴泰闸店）', ...chain },
      { code: 'P37080202003', name: '百草堂（火炬店）', ...chain },
    ]),
  );

  test('a pharmacy terminated for its own reason (180 days without settlement) leaves its sister pharmacies active', async () => {
    const terminated = await measure('terminateAgreement', {
      institutionCode: 'P37080202001',
      reason: '超过180日未发生医保结算',
      trigger: 'NO_SETTLEMENT_180_DAYS',
    });
    expect(terminated.errors).toBeUndefined();
    expect(terminated.data.terminateAgreement.measures).toEqual([
      {
        institutionCode: 'P37080202001',
        regionCode: '370802',
        action: 'TERMINATE',
        trigger: 'NO_SETTLEMENT_180_DAYS',
        causedByChainHeadquarters: false,
        reason: '超过180日未发生医保结算',
      },
    ]);
    expect([await agreementStatus('P37080202001'), await agreementStatus('P37080202002'), await agreementStatus('P37080202003')]).toEqual([
      'TERMINATED',
      'ACTIVE',
      'ACTIVE',
    ]);
  });

  test("a termination the headquarters' controller caused terminates the sisters still in force, each saying so", async () => {
    const terminated = await measure('terminateAgreement', {
      institutionCode: 'P37080202002',
      reason: '连锁总部实际控制人组织串换药品',
      trigger: 'FRAUD',
      causedByChainHeadquarters: true,
    });
    expect(terminated.errors).toBeUndefined();
    expect(terminated.data.terminateAgreement.measures.map((m: any) => [m.institutionCode, m.trigger, m.causedByChainHeadquarters])).toEqual([
      ['P37080202002', 'FRAUD', true],
      ['P37080202003', 'CHAIN_OWNER_TERMINATED', true],
    ]);
    expect([await agreementStatus('P37080202002'), await agreementStatus('P37080202003')]).toEqual(['TERMINATED', 'TERMINATED']);
    const history = await stack.query(`{ institution(code: "P37080202003") { measures { trigger causedByChainHeadquarters reason } } }`);
    expect(history.data.institution.measures).toEqual([
      { trigger: 'CHAIN_OWNER_TERMINATED', causedByChainHeadquarters: true, reason: expect.stringContaining('P37080202002') },
    ]);
  });

  test("the headquarters' cause is said only of a chain pharmacy's termination, and changes nothing when refused", async () => {
    await importInstitutions([{ code: 'H37080202009', name: '济宁运河医院', kind: 'MEDICAL', regionCode: '370802', ...VALIDITY }]);
    expect(
      errorCodes(await measure('terminateAgreement', { institutionCode: 'H37080202009', reason: 'x', trigger: 'FRAUD', causedByChainHeadquarters: true }))[0]
        .code,
    ).toBe('BAD_USER_INPUT');
    expect(errorCodes(await measure('suspendAgreement', { institutionCode: 'H37080202009', reason: 'x', causedByChainHeadquarters: true }))[0].code).toBe(
      'BAD_USER_INPUT',
    );
    expect(await agreementStatus('H37080202009')).toBe('ACTIVE');
  });
});

describe("003 art.33 ¶2: the home region's suspension or termination reaches the agreements with other regions, not the other way round", () => {
  const hospital = (code: string, name: string) => ({ code, name, kind: 'MEDICAL', regionCode: '370802', ...VALIDITY });
  const signWeihai = (institutionCode: string, validUntil = '2026-12-31', as?: object) =>
    stack.query(
      `mutation($input: RegionalAgreementInput!) { signRegionalAgreement(input: $input) { agreement { id regionCode status validFrom validUntil } institution { code regionalAgreements { regionCode } } } }`,
      {
        input: { institutionCode, regionCode: '371002', validFrom: '2026-02-01', validUntil },
      },
      as,
    );

  beforeAll(async () => {
    await importInstitutions([hospital('H37080203001', '济宁北湖医院'), hospital('H37080203002', '济宁南池医院'), hospital('H37080203003', '济宁东关医院')]);
    for (const code of ['H37080203001', 'H37080203002', 'H37080203003']) expect((await signWeihai(code)).errors).toBeUndefined();
  });

  test("an agreement with another region is signed by that region's agency, idempotently; the home agreement stays the institution's agreement", async () => {
    const first = (await signWeihai('H37080203001', '2027-01-31', WEIHAI_AGENCY)).data.signRegionalAgreement;
    expect(first.agreement).toMatchObject({ regionCode: '371002', status: 'ACTIVE', validFrom: '2026-02-01', validUntil: '2027-01-31' });
    expect(first.institution.regionalAgreements).toEqual([{ regionCode: '370802' }, { regionCode: '371002' }]);
    const again = (await signWeihai('H37080203001', '2026-12-31')).data.signRegionalAgreement;
    expect(again.agreement.id).toBe(first.agreement.id);
    expect(again.agreement.validUntil).toBe('2026-12-31');
    expect(await regional('H37080203001')).toEqual({
      agreement: { regionCode: '370802', status: 'ACTIVE' },
      regionalAgreements: [
        { regionCode: '370802', status: 'ACTIVE' },
        { regionCode: '371002', status: 'ACTIVE' },
      ],
    });
    const own = await stack.query(
      `mutation { signRegionalAgreement(input: { institutionCode: "H37080203001", regionCode: "370802", validFrom: "2026-02-01", validUntil: "2026-12-31" }) { agreement { id } } }`,
    );
    expect(errorCodes(own)[0].code).toBe('BAD_USER_INPUT');
    const jining = await stack.query(
      `mutation { signRegionalAgreement(input: { institutionCode: "H37080203001", regionCode: "371002", validFrom: "2026-03-01", validUntil: "2026-12-31" }) { agreement { id } } }`,
      {},
      { role: 'CITY_AGENCY', region: '370802' },
    );
    expect(errorCodes(jining)[0].code).toBe('FORBIDDEN');
    // Weihai's monthly list names the institutions it has agreements with, wherever they are.
    const list = await stack.query(`{ designatedInstitutions(regionPrefix: "3710", month: "2026-03") { code } }`);
    expect(list.data.designatedInstitutions.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['H37080203001', 'H37080203002', 'H37080203003']),
    );
  });

  test('suspending the home agreement suspends the agreement with the other region in the same call, saying why', async () => {
    const suspended = await measure('suspendAgreement', { institutionCode: 'H37080203001', reason: '违规结算整改', basisDocument: '济医保协〔2026〕中止7号' });
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data.suspendAgreement.measures).toEqual([
      { institutionCode: 'H37080203001', regionCode: '370802', action: 'SUSPEND', trigger: null, causedByChainHeadquarters: false, reason: '违规结算整改' },
      {
        institutionCode: 'H37080203001',
        regionCode: '371002',
        action: 'SUSPEND',
        trigger: null,
        causedByChainHeadquarters: false,
        reason: expect.stringMatching(/所在地统筹地区中止医保协议.*003 art\.33.*违规结算整改/),
      },
    ]);
    expect((await regional('H37080203001')).regionalAgreements).toEqual([
      { regionCode: '370802', status: 'SUSPENDED' },
      { regionCode: '371002', status: 'SUSPENDED' },
    ]);
    // While the home agreement is suspended, no agreement with another region is signed.
    expect(errorCodes(await signWeihai('H37080203001'))[0].code).toBe('INVALID_STATE');
  });

  test('terminating the home agreement terminates the agreement with the other region', async () => {
    const terminated = await measure('terminateAgreement', { institutionCode: 'H37080203002', reason: '欺诈骗保', trigger: 'FRAUD' });
    expect(terminated.errors).toBeUndefined();
    expect(terminated.data.terminateAgreement.measures.map((m: any) => [m.regionCode, m.action, m.trigger])).toEqual([
      ['370802', 'TERMINATE', 'FRAUD'],
      ['371002', 'TERMINATE', 'HOME_REGION_TERMINATED'],
    ]);
    expect((await regional('H37080203002')).regionalAgreements).toEqual([
      { regionCode: '370802', status: 'TERMINATED' },
      { regionCode: '371002', status: 'TERMINATED' },
    ]);
  });

  test("G12: a home agreement suspended over 180 days is terminated by the deadline job, and the other region's agreement suspended with it ends with it", async () => {
    const code = 'H37080203004';
    stack.clock.set('2025-08-01');
    await importInstitutions([{ ...hospital(code, '济宁西关医院'), agreementValidFrom: '2025-01-01' }]);
    expect(
      (
        await stack.query(
          `mutation { signRegionalAgreement(input: { institutionCode: "${code}", regionCode: "371002", validFrom: "2025-08-01", validUntil: "2026-12-31" }) { agreement { id } } }`,
        )
      ).errors,
    ).toBeUndefined();
    stack.clock.set('2025-09-01');
    expect((await measure('suspendAgreement', { institutionCode: code, reason: '自查整改', requestedDays: 180 })).data.suspendAgreement.measures).toHaveLength(
      2,
    );
    stack.clock.set('2026-03-16');
    expect(await stack.runScheduledJob('agreements')).toEqual([code]);
    const history = await stack.query(`{ institution(code: "${code}") { regionalAgreements { regionCode status } measures { regionCode action trigger } } }`);
    expect(history.data.institution.regionalAgreements).toEqual([
      { regionCode: '370802', status: 'TERMINATED' },
      { regionCode: '371002', status: 'TERMINATED' },
    ]);
    expect(history.data.institution.measures.slice(2)).toEqual([
      { regionCode: '370802', action: 'TERMINATE', trigger: 'SUSPENSION_OVER_180_DAYS' },
      { regionCode: '371002', action: 'TERMINATE', trigger: 'HOME_REGION_TERMINATED' },
    ]);
  });

  test("a measure on the other region's agreement stays there: the home agreement, and payment at home, are untouched", async () => {
    const code = 'H37080203003';
    const doctor = {
      code: 'D370802003003',
      name: '东关医师',
      category: 'DOCTOR',
      idNumber: withCheckCharacter('37080219800101303'),
      registeredOn: '2026-03-02',
    };
    const registered = await stack.query(`mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }`, {
      input: { institutionCode: code, people: [doctor] },
    });
    expect(registered.errors).toBeUndefined();
    await stack.query(`mutation($input: SignCommitmentInput!) { signCommitment(input: $input) { registration { id } } }`, {
      input: { registrationId: registered.data.registerPersonnel.registrations[0].id, signedOn: '2026-03-02' },
    });

    // Weihai's agency acts on its own agreement, and on no other.
    expect(errorCodes(await measure('suspendAgreement', { institutionCode: code, reason: 'x' }, WEIHAI_AGENCY))[0].code).toBe('FORBIDDEN');
    expect(
      errorCodes(
        await measure('suspendAgreement', { institutionCode: code, regionCode: '371002', reason: 'x', responsiblePersonCodes: [doctor.code] }, WEIHAI_AGENCY),
      )[0].code,
    ).toBe('BAD_USER_INPUT');
    const suspended = await measure('suspendAgreement', { institutionCode: code, regionCode: '371002', reason: '异地就医违规结算' }, WEIHAI_AGENCY);
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data.suspendAgreement.measures.map((m: any) => [m.regionCode, m.action])).toEqual([['371002', 'SUSPEND']]);
    expect(await regional(code)).toEqual({
      agreement: { regionCode: '370802', status: 'ACTIVE' },
      regionalAgreements: [
        { regionCode: '370802', status: 'ACTIVE' },
        { regionCode: '371002', status: 'SUSPENDED' },
      ],
    });

    const terminated = await measure(
      'terminateAgreement',
      { institutionCode: code, regionCode: '371002', reason: '中止期间未整改', trigger: 'SERIOUS_BREACH' },
      WEIHAI_AGENCY,
    );
    expect(terminated.data.terminateAgreement.measures.map((m: any) => [m.regionCode, m.action])).toEqual([['371002', 'TERMINATE']]);
    expect((await regional(code)).regionalAgreements).toEqual([
      { regionCode: '370802', status: 'ACTIVE' },
      { regionCode: '371002', status: 'TERMINATED' },
    ]);
    await stack.eventsDelivered();
    const eligibility = await stack.query(`{ paymentEligibility(personCode: "${doctor.code}", institutionCode: "${code}", on: "2026-03-16") { payable } }`);
    expect(eligibility.data.paymentEligibility.payable).toBe(true);
  });
});

test('G14: a department measure tells registry its department', async () => {
  await importInstitutions([{ code: 'H37080204001', name: '济宁西城医院', kind: 'MEDICAL', regionCode: '370802', ...VALIDITY }]);
  expect((await measure('suspendAgreement', { institutionCode: 'H37080204001', reason: '儿科违规收费', department: '儿科' })).errors).toBeUndefined();
  const [event] = await stack.services.agreements.orm.em
    .fork()
    .getConnection()
    .execute(`select payload from agreements.outbox_event where type = 'AgreementMeasureApplied' and aggregate_key = 'H37080204001' order by seq desc limit 1`);
  expect(event.payload).toMatchObject({ institutionCode: 'H37080204001', action: 'SUSPEND', department: '儿科' });
});
