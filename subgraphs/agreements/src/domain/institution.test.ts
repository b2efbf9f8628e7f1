import { institutionImportProblem, InstitutionKind, parseInstitutionCode } from './institution';

describe('G0 — institution codes', () => {
  test.each([
    ['H: a medical institution', 'H37080200090', { kind: InstitutionKind.MEDICAL, regionCode: '370802' }],
    ['P: a retail pharmacy', 'P37080201036', { kind: InstitutionKind.PHARMACY, regionCode: '370802' }],
    ['another letter is not a code', 'X37080200090', null],
    ['11 characters are not a code', 'H3708020009', null],
  ])('%s', (_rule, code, expected) => {
    expect(parseInstitutionCode(code)).toEqual(expected);
  });

  const entry = {
    code: 'H37080200090',
    kind: InstitutionKind.MEDICAL,
    regionCode: '370802',
    agreementValidFrom: '2026-01-01',
    agreementValidUntil: '2026-12-31',
  };
  test.each([
    ['a consistent entry', {}, null],
    ['the kind must match the code letter', { kind: InstitutionKind.PHARMACY }, 'INVALID_INSTITUTION_CODE'],
    ['the region must match the code', { regionCode: '371002' }, 'INVALID_REGION_CODE'],
    ['an agreement cannot end before it starts', { agreementValidUntil: '2025-12-31' }, 'BAD_USER_INPUT'],
  ])('%s', (_rule, change, expected) => {
    expect(institutionImportProblem({ ...entry, ...change })?.code ?? null).toBe(expected);
  });
});
