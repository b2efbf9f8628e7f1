import { FhirError, pageLinks, practitionerRoleSearch, practitionerSearch, updatedSince } from './search';

const params = (query: string) => new URLSearchParams(query);

describe('PractitionerRole search parameters', () => {
  test.each([
    ['', { filter: {}, first: 50, after: undefined }],
    ['organization=Organization/H37080200090', { filter: { institutionCode: 'H37080200090' }, first: 50 }],
    ['organization=H37080200090&_count=10', { filter: { institutionCode: 'H37080200090' }, first: 10 }],
    ['practitioner=Practitioner/D370802000123', { filter: { personCode: 'D370802000123' }, first: 50 }],
    ['active=true', { filter: { statuses: ['NORMAL'] }, first: 50 }],
    ['active=false', { filter: { statuses: ['SUSPENDED', 'TERMINATED', 'CANCELLED'] }, first: 50 }],
    ['_lastUpdated=ge2026-11-01', { filter: { updatedSince: '2026-10-31T16:00:00.000Z' }, first: 50 }],
    ['_page_token=abc&_count=500&_format=json', { filter: {}, first: 500, after: 'abc' }],
  ])('%s', (query, expected) => {
    expect(practitionerRoleSearch(params(query))).toEqual({ after: undefined, ...expected });
  });

  test.each([
    ['family=x', /cannot be searched by family/],
    ['active=yes', /active must be true or false/],
    ['organization=Patient/1', /organization must be Organization\/<id>/],
    ['_count=0', /_count must be a whole number from 1 to 500/],
    ['_count=501', /_count must be a whole number from 1 to 500/],
    ['_count=ten', /_count must be a whole number/],
    ['active=true&active=false', /given more than once/],
    ['organization=', /has no value/],
  ])('%s is refused with 400', (query, message) => {
    expect(() => practitionerRoleSearch(params(query))).toThrow(message);
    expect(() => practitionerRoleSearch(params(query))).toThrow(FhirError);
    try {
      practitionerRoleSearch(params(query));
    } catch (error) {
      expect(error).toMatchObject({ status: 400, issueCode: 'invalid', code: 'BAD_USER_INPUT' });
    }
  });
});

test.each([
  ['name=王', { filter: { namePrefix: '王' }, first: 50, after: undefined }],
  ['_count=2&_page_token=t', { filter: {}, first: 2, after: 't' }],
])('Practitioner search %s', (query, expected) => {
  expect(practitionerSearch(params(query))).toEqual(expected);
});

test('Practitioner search refuses what it does not serve', () => {
  expect(() => practitionerSearch(params('organization=H37080200090'))).toThrow(/Practitioner cannot be searched by organization/);
});

describe('_lastUpdated', () => {
  test.each([
    // A day is a day in China Standard Time, as the API's dates.
    ['ge2026-11-01', '2026-10-31T16:00:00.000Z'],
    ['gt2026-11-01', '2026-11-01T16:00:00.000Z'],
    ['ge2026-11-01T10:00:00+08:00', '2026-11-01T02:00:00.000Z'],
    ['ge2026-11-01T10:00Z', '2026-11-01T10:00:00.000Z'],
    ['gt2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.001Z'],
  ])('%s admits changes from %s', (value, instant) => {
    expect(updatedSince(value)).toBe(instant);
  });

  test.each(['2026-11-01', 'lt2026-11-01', 'eq2026-11-01', 'ge2026-02-30', 'ge2026-13-01', 'ge2026-11-01T10:00:00', 'gesoon'])('%s is refused', (value) => {
    expect(() => updatedSince(value)).toThrow(FhirError);
  });
});

test('page links: the same search, the next page by the page token of this page’s end', () => {
  const query = params('organization=H37080200090&_count=1');
  expect(pageLinks('http://x/fhir', 'PractitionerRole', query, 'abc', true)).toEqual({
    self: 'http://x/fhir/PractitionerRole?organization=H37080200090&_count=1',
    next: 'http://x/fhir/PractitionerRole?organization=H37080200090&_count=1&_page_token=abc',
  });
  expect(pageLinks('http://x/fhir', 'PractitionerRole', params('_page_token=abc'), 'def', true).next).toBe('http://x/fhir/PractitionerRole?_page_token=def');
  expect(pageLinks('http://x/fhir', 'Practitioner', params(''), 'abc', false)).toEqual({ self: 'http://x/fhir/Practitioner' });
});
