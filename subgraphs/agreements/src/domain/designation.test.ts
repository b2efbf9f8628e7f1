import { WorkingDayCalendar } from '@pq/time/files';
import {
  DesignationAction,
  DesignationConditions,
  designationFindings,
  DesignationState,
  DesignationStatus,
  designationStep,
  effectiveDesignationStatus,
  REQUIRED_MATERIALS,
} from './designation';
import { InstitutionKind } from './institution';

const TODAY = '2026-03-16';
const calendar = new WorkingDayCalendar();
const medical: DesignationConditions = {
  operatingMonths: 6,
  contributionMonths: 6,
  hasInsuranceRules: true,
  hasItInterface: true,
  insuranceStaff: 2,
  doctorsFirstRegisteredHere: 3,
  beds: 80,
};
const pharmacy: DesignationConditions = {
  operatingMonths: 4,
  contributionMonths: 4,
  hasInsuranceRules: true,
  hasItInterface: true,
  insuranceStaff: 2,
  hasDrugBusinessLicence: true,
  licensedPharmacists: 1,
  insuranceStaffOnYearContracts: 2,
};
const clean = { terminations: [], failedEvaluations: [], falsifiedMaterialsOn: null, inpatientGateClosed: false };
const findings = (kind: InstitutionKind, c: DesignationConditions, history = clean, materials = REQUIRED_MATERIALS[kind]) =>
  designationFindings(kind, c, materials, history, TODAY);

describe('designation findings — G2–G4, G6, G11', () => {
  test('a complete medical application has no findings', () =>
    expect(findings(InstitutionKind.MEDICAL, medical)).toEqual({ refusals: [], missingMaterials: [] }));
  test('a complete pharmacy application has no findings', () =>
    expect(findings(InstitutionKind.PHARMACY, pharmacy)).toEqual({ refusals: [], missingMaterials: [] }));
  test.each<[string, InstitutionKind, DesignationConditions, Partial<typeof clean>, string]>([
    ['G2 operating under 3 months', InstitutionKind.MEDICAL, { ...medical, operatingMonths: 2 }, {}, 'operating'],
    ['G2 no doctor first registered here', InstitutionKind.MEDICAL, { ...medical, doctorsFirstRegisteredHere: 0 }, {}, 'first registered'],
    ['G2 100 beds without an insurance department', InstitutionKind.MEDICAL, { ...medical, beds: 120 }, {}, '100 beds'],
    ['G2 a pharmacy without a licensed pharmacist', InstitutionKind.PHARMACY, { ...pharmacy, licensedPharmacists: 0 }, {}, 'pharmacist'],
    [
      'G2 a pharmacy with one insurance staff on a year contract',
      InstitutionKind.PHARMACY,
      { ...pharmacy, insuranceStaffOnYearContracts: 1 },
      {},
      'two insurance staff',
    ],
    ['G4 mainly non-basic services', InstitutionKind.MEDICAL, { ...medical, mainlyNonBasicServices: true }, {}, 'non-basic'],
    ['G4 on the dishonest list', InstitutionKind.PHARMACY, { ...pharmacy, onDishonestList: true }, {}, 'dishonest'],
    ['G4 terminated for fraud 2 years ago', InstitutionKind.MEDICAL, medical, { terminations: [{ on: '2024-06-01', trigger: 'FRAUD' }] }, 'less than 3 years'],
    [
      'G4 terminated for a serious breach 6 months ago',
      InstitutionKind.MEDICAL,
      medical,
      { terminations: [{ on: '2025-10-01', trigger: 'SERIOUS_BREACH' }] },
      'less than 1 year',
    ],
    ['G6 falsified materials 2 years ago', InstitutionKind.PHARMACY, pharmacy, { falsifiedMaterialsOn: '2024-05-01' }, 'falsified'],
    ['G6 failed evaluation 2 months ago', InstitutionKind.PHARMACY, pharmacy, { failedEvaluations: ['2026-01-20'] }, 'reapply after 3 months'],
    ['G6 failed twice within a year', InstitutionKind.PHARMACY, pharmacy, { failedEvaluations: ['2025-05-01', '2025-11-01'] }, 'twice'],
    ['G11 inpatient designations closed by the fund gate', InstitutionKind.MEDICAL, { ...medical, inpatient: true }, { inpatientGateClosed: true }, 'G11'],
  ])('%s', (_rule, kind, conditions, history, reason) => {
    expect(findings(kind, conditions, { ...clean, ...history }).refusals.join(' ')).toContain(reason);
  });

  test('G4 a termination for fraud more than 3 years ago no longer bars', () => {
    expect(findings(InstitutionKind.MEDICAL, medical, { ...clean, terminations: [{ on: '2022-06-01', trigger: 'FRAUD' }] }).refusals).toEqual([]);
  });
  test('G3 missing documents are listed for a supplement', () => {
    expect(findings(InstitutionKind.PHARMACY, pharmacy, clean, ['APPLICATION_FORM']).missingMaterials).toContain('DRUG_BUSINESS_LICENCE');
  });
});

describe('designation steps — G5–G8 (allowed and refused)', () => {
  const state = (status: DesignationStatus, extra: Partial<DesignationState> = {}): DesignationState => ({
    status,
    kind: InstitutionKind.MEDICAL,
    findings: { refusals: [], missingMaterials: [] },
    dueBy: null,
    onSiteEvaluated: true,
    ...extra,
  });
  const wd = (n: number) => calendar.addWorkingDays(TODAY, n);
  test.each([
    ['G5 accepted; evaluation within 3 months', state(DesignationStatus.SUBMITTED), DesignationAction.ACCEPT, DesignationStatus.ACCEPTED, '2026-06-16'],
    ['G5 a supplement within 5 wd', state(DesignationStatus.SUBMITTED), DesignationAction.REQUEST_SUPPLEMENT, DesignationStatus.SUPPLEMENT_REQUESTED, wd(5)],
    [
      'G5 the supplement returns it to review within 5 wd',
      state(DesignationStatus.SUPPLEMENT_REQUESTED, { dueBy: wd(1) }),
      DesignationAction.SUPPLEMENT,
      DesignationStatus.SUBMITTED,
      wd(5),
    ],
    ['G6–G7 a pass starts the 7 wd publicity', state(DesignationStatus.ACCEPTED), DesignationAction.PASS_EVALUATION, DesignationStatus.PUBLICITY, wd(7)],
    [
      'G7 after the publicity, the collective decision starts 5 wd of supervision publicity',
      state(DesignationStatus.PUBLICITY, { dueBy: '2026-03-13' }),
      DesignationAction.COLLECTIVE_DECISION,
      DesignationStatus.SUPERVISION_PUBLICITY,
      wd(5),
    ],
    [
      'G8 negotiation; signing within 1 month',
      state(DesignationStatus.SUPERVISION_PUBLICITY, { dueBy: '2026-03-13' }),
      DesignationAction.START_NEGOTIATION,
      DesignationStatus.NEGOTIATION,
      '2026-04-16',
    ],
    [
      'G8 signed; IT hook-up within 15 wd',
      state(DesignationStatus.NEGOTIATION, { dueBy: '2026-04-16' }),
      DesignationAction.SIGN,
      DesignationStatus.SIGNED,
      wd(15),
    ],
    [
      'G8 the IT hook-up confirmed: nothing more is due',
      state(DesignationStatus.SIGNED, { dueBy: wd(15) }),
      DesignationAction.CONFIRM_CONNECTION,
      DesignationStatus.CONNECTED,
      null,
    ],
    [
      'G8 a late IT hook-up is confirmed too (the agreement stands)',
      state(DesignationStatus.SIGNED, { dueBy: '2026-03-10' }),
      DesignationAction.CONFIRM_CONNECTION,
      DesignationStatus.CONNECTED,
      null,
    ],
  ] as const)('%s', (_rule, from, action, status, dueBy) => {
    expect(designationStep(from, action, TODAY, calendar)).toEqual({ ok: true, status, dueBy });
  });

  test('G8 a signing taken within the month and recorded after it is on time, and the IT hook-up counts from the signing', () => {
    const negotiating = state(DesignationStatus.NEGOTIATION, { dueBy: '2026-03-10' });
    expect(designationStep(negotiating, DesignationAction.SIGN, '2026-03-09', calendar)).toEqual({
      ok: true,
      status: DesignationStatus.SIGNED,
      dueBy: calendar.addWorkingDays('2026-03-09', 15),
    });
  });

  test.each([
    [
      'G5 not accepted while G2/G4 findings stand',
      state(DesignationStatus.SUBMITTED, { findings: { refusals: ['G2: x'], missingMaterials: [] } }),
      DesignationAction.ACCEPT,
      'BAD_USER_INPUT',
    ],
    [
      'G5 not accepted while documents are missing',
      state(DesignationStatus.SUBMITTED, { findings: { refusals: [], missingMaterials: ['IT_SYSTEM'] } }),
      DesignationAction.ACCEPT,
      'BAD_USER_INPUT',
    ],
    [
      'G5 a late supplement: the application lapsed',
      state(DesignationStatus.SUPPLEMENT_REQUESTED, { dueBy: '2026-03-13' }),
      DesignationAction.SUPPLEMENT,
      'DEADLINE_PASSED',
    ],
    [
      'G6 a medical institution passes only after the on-site evaluation',
      state(DesignationStatus.ACCEPTED, { onSiteEvaluated: false }),
      DesignationAction.PASS_EVALUATION,
      'BAD_USER_INPUT',
    ],
    [
      'G7 no decision during the publicity',
      state(DesignationStatus.PUBLICITY, { dueBy: '2026-03-20' }),
      DesignationAction.COLLECTIVE_DECISION,
      'INVALID_STATE',
    ],
    ['G8 signing after a month: lapsed', state(DesignationStatus.NEGOTIATION, { dueBy: '2026-03-10' }), DesignationAction.SIGN, 'DEADLINE_PASSED'],
    ['steps keep their order', state(DesignationStatus.SUBMITTED), DesignationAction.SIGN, 'INVALID_STATE'],
    [
      'G8 no IT hook-up before the signing',
      state(DesignationStatus.NEGOTIATION, { dueBy: '2026-04-16' }),
      DesignationAction.CONFIRM_CONNECTION,
      'INVALID_STATE',
    ],
  ] as const)('%s', (_rule, from, action, code) => {
    expect(designationStep(from, action, TODAY, calendar)).toMatchObject({ ok: false, code });
  });

  test('G5, G8 a missed supplement or signing deadline shows the application as lapsed', () => {
    expect(effectiveDesignationStatus(DesignationStatus.SUPPLEMENT_REQUESTED, '2026-03-13', TODAY)).toBe(DesignationStatus.LAPSED);
    expect(effectiveDesignationStatus(DesignationStatus.ACCEPTED, '2026-03-13', TODAY)).toBe(DesignationStatus.ACCEPTED);
  });
});

import { informationChangeProblem } from './information-change';
import { AgreementStatus } from './institution';

describe('information changes — G10', () => {
  test.each([
    ['filed within 30 wd of the change', '2026-03-02', AgreementStatus.ACTIVE, null],
    ['filed later than 30 wd', '2026-01-05', AgreementStatus.ACTIVE, 'DEADLINE_PASSED'],
    ['none while the agreement is suspended', '2026-03-02', AgreementStatus.SUSPENDED, 'INVALID_STATE'],
    ['a change in the future is not a change', '2026-03-20', AgreementStatus.ACTIVE, 'BAD_USER_INPUT'],
  ] as const)('%s', (_rule, changedOn, status, code) => {
    expect(informationChangeProblem(changedOn, TODAY, status, calendar)?.code ?? null).toBe(code);
  });
});
