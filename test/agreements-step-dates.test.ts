import { WorkingDayCalendar } from '@pq/time/files';
import { errorCodes, Stack, startStack } from './harness';

/** The real date of every designation step (G5–G8) — default today, never in the future, never before the step before it. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ today: '2026-03-16' });
});
afterAll(() => stack?.stop());
afterEach(() => stack.clock.set('2026-03-16'));

describe('designation steps keep their real dates (G5–G8)', () => {
  const MATERIALS = [
    'APPLICATION_FORM',
    'DRUG_BUSINESS_LICENCE',
    'BUSINESS_LICENCE',
    'PHARMACIST_CERTIFICATES',
    'STAFF_CONTRACTS',
    'INSURANCE_RULES',
    'IT_SYSTEM',
    'SOCIAL_INSURANCE_PROOF',
  ];
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
  const FIELDS = 'id status dueBy submittedOn decidedOn steps { action happenedOn }';
  const submit = (institutionCode: string, submittedOn?: string) =>
    stack.query(`mutation($input: SubmitDesignationInput!) { submitDesignation(input: $input) { application { ${FIELDS} } } }`, {
      input: { institutionCode, name: '济宁德仁堂大药房', kind: 'PHARMACY', regionCode: '370802', conditions, materials: MATERIALS, submittedOn },
    });
  const step = (applicationId: string, action: string, on?: string) =>
    stack.query(`mutation($input: DesignationStepInput!) { designationStep(input: $input) { application { ${FIELDS} } } }`, {
      input: { applicationId, action, on },
    });
  const application = async (id: string) =>
    (await stack.query(`{ designationQueue(regionPrefix: "3708") { ${FIELDS} } }`)).data.designationQueue.find((a: { id: string }) => a.id === id);
  const calendar = new WorkingDayCalendar();

  test('a step dated in the future, or before the step it follows, is refused and changes nothing', async () => {
    expect(errorCodes(await submit('P37080205001', '2026-03-17'))[0].code).toBe('BAD_USER_INPUT');
    const submitted = (await submit('P37080205001', '2026-03-12')).data.submitDesignation.application;
    expect(submitted).toMatchObject({
      status: 'SUBMITTED',
      submittedOn: '2026-03-12',
      dueBy: '2026-03-19',
      steps: [{ action: 'SUBMIT', happenedOn: '2026-03-12' }],
    });

    const future = await step(submitted.id, 'ACCEPT', '2026-03-17');
    expect(errorCodes(future)[0].code).toBe('BAD_USER_INPUT');
    expect(future.errors![0].extensions!.field).toBe('on');
    expect(errorCodes(await step(submitted.id, 'ACCEPT', '2026-03-11'))[0].code).toBe('BAD_USER_INPUT');
    expect(await application(submitted.id)).toEqual(submitted);
  });

  test('a step recorded late keeps its true date, and the deadlines that follow count from it', async () => {
    const { id } = (await submit('P37080205002', '2026-03-12')).data.submitDesignation.application;
    expect((await step(id, 'ACCEPT', '2026-03-13')).data.designationStep.application).toMatchObject({ status: 'ACCEPTED', dueBy: '2026-06-13' });
    expect((await step(id, 'PASS_EVALUATION', '2026-03-16')).data.designationStep.application).toMatchObject({
      status: 'PUBLICITY',
      dueBy: '2026-03-25',
      decidedOn: '2026-03-16',
    });
    stack.clock.set('2026-04-10');
    expect((await step(id, 'COLLECTIVE_DECISION', '2026-03-26')).data.designationStep.application).toMatchObject({
      status: 'SUPERVISION_PUBLICITY',
      dueBy: '2026-04-02',
    });
    expect((await step(id, 'START_NEGOTIATION', '2026-04-03')).data.designationStep.application).toMatchObject({ status: 'NEGOTIATION', dueBy: '2026-05-03' });

    // Recorded on 20 May, past the month allowed for signing: on that day it is refused as lapsed;
    // dated on the day it was signed, within the month, it stands, and the agreement runs from then.
    stack.clock.set('2026-05-20');
    const lapsed = await step(id, 'SIGN');
    expect([errorCodes(lapsed)[0].code, lapsed.errors![0].message]).toEqual(['INVALID_STATE', expect.stringContaining('lapsed')]);
    const signed = (await step(id, 'SIGN', '2026-04-30')).data.designationStep.application;
    expect(signed).toMatchObject({ status: 'SIGNED', dueBy: calendar.addWorkingDays('2026-04-30', 15) });
    expect(signed.steps.map((s: { action: string; happenedOn: string }) => [s.action, s.happenedOn])).toEqual([
      ['SUBMIT', '2026-03-12'],
      ['ACCEPT', '2026-03-13'],
      ['PASS_EVALUATION', '2026-03-16'],
      ['COLLECTIVE_DECISION', '2026-03-26'],
      ['START_NEGOTIATION', '2026-04-03'],
      ['SIGN', '2026-04-30'],
    ]);
    const agreement = await stack.query(`{ institution(code: "P37080205002") { agreement { regionCode validFrom validUntil } } }`);
    expect(agreement.data.institution.agreement).toEqual({ regionCode: '370802', validFrom: '2026-04-30', validUntil: '2027-04-29' });
  });
});
