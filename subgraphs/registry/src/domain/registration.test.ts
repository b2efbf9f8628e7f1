import { Gender, idNumberProblem, maskIdNumber, maskPhone, PersonnelCategory, personnelCodeProblem, RegistrationStatus } from './personnel';
import { correctedPersonData, PersonData, PersonDataCorrection } from './correction';
import { InstitutionFacts, personDataMismatch, PersonFacts, registrationProblem } from './registration';

const VALID_ID = '11010519491231002X';

describe('R2 — ID numbers and personnel codes', () => {
  test.each([
    ['a valid resident ID with check character X', VALID_ID, null],
    ['a wrong check character is refused', '110105194912310021', 'INVALID_ID_NUMBER'],
    ['an impossible birth date is refused', '110105194902300020', 'INVALID_ID_NUMBER'],
    ['17 characters are refused', '11010519491231002', 'INVALID_ID_NUMBER'],
  ])('%s', (_rule, id, code) => {
    expect(idNumberProblem(id)?.code ?? null).toBe(code);
  });

  test.each([
    ['a doctor: D + region + sequence', 'D370802000123', PersonnelCategory.DOCTOR, null],
    ['pharmacy staff: HY', 'HY370802000456', PersonnelCategory.PHARMACIST, null],
    ['technical staff: HJ', 'HJ371002000555', PersonnelCategory.TECHNICIAN, null],
    ['a doctor code with a nurse prefix is refused', 'N370802000123', PersonnelCategory.DOCTOR, 'INVALID_PERSONNEL_CODE'],
    ['a short sequence is refused', 'D37080200012', PersonnelCategory.DOCTOR, 'INVALID_PERSONNEL_CODE'],
    ['a region outside GB/T 2260 provinces is refused', 'D990802000123', PersonnelCategory.DOCTOR, 'INVALID_REGION_CODE'],
  ])('%s', (_rule, code, category, problem) => {
    expect(personnelCodeProblem(code, category)?.code ?? null).toBe(problem);
  });

  test('ID numbers and phones are masked (docs/api.md idNumberMasked)', () => {
    expect(maskIdNumber('37010219800101123X')).toBe('370102********123X');
    expect(maskPhone('13853712345')).toBe('138****2345');
  });
});

describe('registrationProblem — R1, R5, R8–R9, G1', () => {
  const agreement = { status: 'ACTIVE', agreementValidFrom: '2026-01-01', agreementValidUntil: '2026-12-31', validFrom: '2026-01-01', validTo: null };
  // Suspended from 1 to 9 March, active before and after.
  const suspendedInMarch = [
    { ...agreement, validTo: '2026-03-01' },
    { ...agreement, status: 'SUSPENDED', validFrom: '2026-03-01', validTo: '2026-03-10' },
    { ...agreement, validFrom: '2026-03-10' },
  ];
  const hospital: InstitutionFacts = { code: 'H37080200090', kind: 'MEDICAL', agreements: [agreement] };
  const request = {
    code: 'D370802000123',
    name: '李明',
    idNumber: VALID_ID,
    category: PersonnelCategory.DOCTOR,
    institutionCode: hospital.code,
    registeredOn: '2026-03-16',
  };
  const known: PersonFacts = {
    idNumber: VALID_ID,
    name: '李明',
    birthDate: '1949-12-31',
    status: RegistrationStatus.NORMAL,
    reRegistrationBlockedUntil: null,
    liveInstitutionCodes: ['H37100200015'],
  };

  test.each<[string, Partial<typeof request>, InstitutionFacts | null, PersonFacts | null, string | null]>([
    ['a new person at an institution with an agreement in force', {}, hospital, null, null],
    ['R5 multi-site: a second institution registers the same doctor', {}, hospital, known, null],
    ['unknown institution', {}, null, null, 'NOT_FOUND'],
    ['G1 no agreement in force on the registration date', { registeredOn: '2027-01-02' }, hospital, null, 'NO_AGREEMENT_IN_FORCE'],
    ['G1 a suspended agreement', {}, { ...hospital, agreements: [{ ...agreement, status: 'SUSPENDED' }] }, null, 'NO_AGREEMENT_IN_FORCE'],
    [
      'R1 a pharmacy principal is registered by a pharmacy',
      { code: 'HY370802000456', category: PersonnelCategory.PHARMACY_PRINCIPAL },
      hospital,
      null,
      'BAD_USER_INPUT',
    ],
    ['一医一档: the same code with another ID number', {}, hospital, { ...known, idNumber: '110105194912310037' }, 'PERSON_DATA_MISMATCH'],
    ['一医一档: another institution states another name', { name: '李敏' }, hospital, known, 'PERSON_DATA_MISMATCH'],
    ['一医一档: a birth date on file the ID number contradicts', {}, hospital, { ...known, birthDate: '1950-01-01' }, 'PERSON_DATA_MISMATCH'],
    ['一医一档: spaces around the name are no mismatch', { name: ' 李明 ' }, hospital, known, null],
    [
      'G1 an earlier agreement covers a past registration date',
      { registeredOn: '2025-06-01' },
      { ...hospital, agreements: [{ ...agreement, agreementValidFrom: '2025-01-01', agreementValidUntil: '2025-12-31', validFrom: '2025-01-01' }, agreement] },
      null,
      null,
    ],
    ['G1 the last day before a suspension', { registeredOn: '2026-02-28' }, { ...hospital, agreements: suspendedInMarch }, null, null],
    [
      'G1 the first day of a suspension since lifted',
      { registeredOn: '2026-03-01' },
      { ...hospital, agreements: suspendedInMarch },
      null,
      'NO_AGREEMENT_IN_FORCE',
    ],
    [
      'G1 the last day of a suspension since lifted',
      { registeredOn: '2026-03-09' },
      { ...hospital, agreements: suspendedInMarch },
      null,
      'NO_AGREEMENT_IN_FORCE',
    ],
    ['G1 the day the suspension was lifted', { registeredOn: '2026-03-10' }, { ...hospital, agreements: suspendedInMarch }, null, null],
    [
      'R9 within a re-registration ban',
      {},
      hospital,
      { ...known, status: RegistrationStatus.CANCELLED, reRegistrationBlockedUntil: '2027-03-09' },
      'REGISTRATION_BANNED',
    ],
    [
      'R9 the day after the ban ends',
      { registeredOn: '2026-03-16' },
      hospital,
      { ...known, status: RegistrationStatus.CANCELLED, reRegistrationBlockedUntil: '2026-03-15' },
      null,
    ],
    ['R5 no new registration during a suspension', {}, hospital, { ...known, status: RegistrationStatus.SUSPENDED }, 'REGISTRATION_BANNED'],
    ['R4 no second live registration at the same institution', {}, hospital, { ...known, liveInstitutionCodes: [hospital.code] }, 'DUPLICATE_REGISTRATION'],
  ])('%s', (_rule, change, institution, person, expected) => {
    expect(registrationProblem({ ...request, ...change }, institution, person)?.code ?? null).toBe(expected);
  });

  test.each([
    ['ID number', { idNumber: '110105194912310037' }, {}, 'idNumber'],
    ['name', { name: '李敏' }, {}, 'name'],
    ['birth date', {}, { birthDate: '1950-01-01' }, 'birthDate'],
  ])('一医一档: a mismatch names the field (%s)', (_field, change, file, field) => {
    expect(personDataMismatch({ ...request, ...change }, { ...known, ...file })).toMatchObject({ code: 'PERSON_DATA_MISMATCH', field });
  });
});

describe("correctedPersonData — the agency corrects a person's file (一医一档)", () => {
  const file: PersonData = { name: '李明', idNumber: VALID_ID, birthDate: '1949-12-31', gender: Gender.FEMALE, phone: '13853712345' };
  const OTHER_ID = '110105195001010012';

  test.each<[string, Partial<PersonData>, PersonDataCorrection, Partial<PersonData>, string[]]>([
    ['a new name', {}, { name: '李敏' }, { name: '李敏' }, ['name']],
    ['a new phone', {}, { phone: '13953700000' }, { phone: '13953700000' }, ['phone']],
    ['an empty phone removes it', {}, { phone: '' }, { phone: null }, ['phone']],
    [
      'a new ID number brings its birth date and gender',
      {},
      { idNumber: OTHER_ID },
      { idNumber: OTHER_ID, birthDate: '1950-01-01', gender: Gender.MALE },
      ['idNumber', 'birthDate', 'gender'],
    ],
    [
      'a gender given with a new ID number wins',
      {},
      { idNumber: OTHER_ID, gender: Gender.FEMALE },
      { idNumber: OTHER_ID, birthDate: '1950-01-01' },
      ['idNumber', 'birthDate'],
    ],
    ['a birth date on file repaired to the ID number', { birthDate: '1950-01-01' }, { birthDate: '1949-12-31' }, { birthDate: '1949-12-31' }, ['birthDate']],
    ['absent fields stay', {}, { name: '李敏', phone: null }, { name: '李敏' }, ['name']],
  ])('%s', (_rule, onFile, correction, expected, changed) => {
    const current = { ...file, ...onFile };
    expect(correctedPersonData(current, correction)).toEqual({ data: { ...current, ...expected }, changed });
  });

  test.each<[string, PersonDataCorrection, string, string]>([
    ['an empty name', { name: ' ' }, 'BAD_USER_INPUT', 'name'],
    ['an invalid ID number', { idNumber: '110105194912310021' }, 'INVALID_ID_NUMBER', 'idNumber'],
    ['a birth date the ID number contradicts', { birthDate: '1950-01-01' }, 'BAD_USER_INPUT', 'birthDate'],
    ['nothing changes', { name: '李明', phone: '13853712345' }, 'BAD_USER_INPUT', ''],
  ])('refused: %s', (_rule, correction, code, field) => {
    let error: any;
    try {
      correctedPersonData(file, correction);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code, details: field ? { field } : {} });
  });
});

import { claimVerdict } from './eligibility';

describe('claimVerdict — E1, R3, R8, G1', () => {
  const normal = { status: RegistrationStatus.NORMAL, statusAfterReview: RegistrationStatus.NORMAL, commitmentSignedOn: '2026-01-05', agreementInForce: true };
  const suspended = { ...normal, status: RegistrationStatus.SUSPENDED, statusAfterReview: RegistrationStatus.SUSPENDED };
  test.each([
    ['E1 normal, committed, agreement in force → paid', normal, false, true, /^payable: registered/],
    ['E1 suspended on the service date → not paid', suspended, false, false, /suspended on 2026-03-16/],
    ['R3 suspended but emergency → paid, with the reason', suspended, true, true, /emergency or rescue/],
    [
      'E1 terminated → not paid',
      { ...normal, status: RegistrationStatus.TERMINATED, statusAfterReview: RegistrationStatus.TERMINATED },
      false,
      false,
      /terminated/,
    ],
    ['not registered there on the date → not paid', { ...normal, status: null, statusAfterReview: null }, false, false, /not registered/],
    [
      '002 art.44, 47–48: a suspension annulled on appeal → paid, refundable',
      { ...suspended, statusAfterReview: RegistrationStatus.NORMAL },
      false,
      true,
      /annulled on appeal; a clawback for it is refunded/,
    ],
    [
      '002 art.44: a suspension decided later for that day → not paid',
      { ...normal, statusAfterReview: RegistrationStatus.SUSPENDED },
      false,
      false,
      /suspended on 2026-03-16/,
    ],
    ['R8 no commitment → not paid', { ...normal, commitmentSignedOn: null }, false, false, /service commitment/],
    ['R8 commitment signed after the service → not paid', { ...normal, commitmentSignedOn: '2026-03-17' }, false, false, /service commitment/],
    ['G1 no agreement in force → not paid', { ...normal, agreementInForce: false }, false, false, /agreement/],
  ])('%s', (_rule, facts, emergency, payable, reason) => {
    const verdict = claimVerdict(facts, '2026-03-16', emergency);
    expect(verdict.payable).toBe(payable);
    expect(verdict.reason).toMatch(reason);
  });
});
