import { callerFromClaims } from './claims';

const now = 1_800_000_000;
const time = { now, maxLifetimeSeconds: 12 * 3600, clockSkewSeconds: 60 };
const valid = { sub: 'u1', role: 'CITY_AGENCY', region: '3708', exp: now + 3600 };

describe('token claims are a schema: anything missing or malformed refuses the token', () => {
  test.each<[string, Record<string, unknown>]>([
    ['a role outside the list', { role: 'SUPERUSER' }],
    ['no role', { role: undefined }],
    ['no subject', { sub: undefined }],
    ['an empty subject', { sub: '' }],
    ['a subject of 5 KB', { sub: 'x'.repeat(5000) }],
    ['no region', { region: undefined }],
    ['a null region', { region: null }],
    ['a numeric region', { region: 3708 }],
    ['a region of letters', { region: '37ab' }],
    ['a region of 7 digits', { region: '3708021' }],
    ['a region of an odd number of digits', { region: '370' }],
    ['a city agency claiming the whole country', { region: '' }],
    ['a provincial agency claiming the whole country', { role: 'PROVINCIAL_AGENCY', region: '' }],
    ['an institution claiming the whole country', { role: 'INSTITUTION', region: '', institution: 'H37080200090' }],
    ['a person claiming the whole country', { role: 'PERSON', region: '', person: 'D370802000123' }],
    ['an institution without its institution', { role: 'INSTITUTION', region: '370802' }],
    ['an institution with a malformed code', { role: 'INSTITUTION', region: '370802', institution: 'X1' }],
    ['an institution outside its token region', { role: 'INSTITUTION', region: '3710', institution: 'H37080200090' }],
    ['a person without their person', { role: 'PERSON', region: '370802' }],
    ['a person with a malformed code', { role: 'PERSON', region: '370802', person: 'nobody' }],
    ['a person outside their token region', { role: 'PERSON', region: '3710', person: 'D370802000123' }],
    ['no expiry', { exp: undefined }],
    ['a string expiry', { exp: String(now + 60) }],
    ['an expiry past the clock skew', { exp: now - 61 }],
    ['a token valid for a hundred years', { exp: now + 100 * 365 * 86400 }],
    ['a token valid for 12 h 2 min', { exp: now + 12 * 3600 + 120 }],
    ['issued in the future', { iat: now + 3600 }],
    ['not valid before an hour from now', { nbf: now + 3600 }],
  ])('%s is refused with UNAUTHENTICATED', (_name, change) => {
    expect(() => callerFromClaims({ ...valid, ...change }, time)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  test.each<[string, Record<string, unknown>, object]>([
    ['a city agency of its city', {}, { role: 'CITY_AGENCY', region: '3708' }],
    ['a national agency', { role: 'NATIONAL_AGENCY', region: '' }, { role: 'NATIONAL_AGENCY', region: '' }],
    ['a national administration', { role: 'ADMINISTRATION', region: '' }, { role: 'ADMINISTRATION', region: '' }],
    ['a national partner', { role: 'HEALTH_PARTNER', region: '' }, { role: 'HEALTH_PARTNER', region: '' }],
    ['a service', { role: 'SERVICE', region: '' }, { role: 'SERVICE', region: '' }],
    ['an institution within its city', { role: 'INSTITUTION', region: '3708', institution: 'H37080200090' }, { institution: 'H37080200090' }],
    ['an institution of its county', { role: 'INSTITUTION', region: '370802', institution: 'P37080200003' }, { institution: 'P37080200003' }],
    ['a person of their county', { role: 'PERSON', region: '370802', person: 'D370802000123' }, { person: 'D370802000123' }],
    ['a token expired within the clock skew', { exp: now - 30 }, { role: 'CITY_AGENCY' }],
    ['a token valid for exactly 12 h', { exp: now + 12 * 3600 }, { role: 'CITY_AGENCY' }],
    ['a token issued a little ahead of our clock', { iat: now + 30 }, { role: 'CITY_AGENCY' }],
  ])('%s is accepted', (_name, change, caller) => {
    expect(callerFromClaims({ ...valid, ...change }, time)).toMatchObject(caller);
  });

  test('an INSTITUTION or PERSON claim on another role gives no institution or person', () => {
    expect(callerFromClaims({ ...valid, institution: 'H37080200090', person: 'D370802000123' }, time)).toEqual({
      sub: 'u1',
      role: 'CITY_AGENCY',
      region: '3708',
    });
  });
});
