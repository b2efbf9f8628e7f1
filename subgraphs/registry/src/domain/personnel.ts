import { validateCnid } from 'validid/cnid';
import { isIsoDate, IsoDate } from '@pq/time';

export enum RegistrationStatus {
  NORMAL = 'NORMAL',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
  CANCELLED = 'CANCELLED',
}

export enum PersonnelCategory {
  DOCTOR = 'DOCTOR',
  NURSE = 'NURSE',
  PHARMACIST = 'PHARMACIST',
  TECHNICIAN = 'TECHNICIAN',
  CAREGIVER = 'CAREGIVER',
  SETTLEMENT_REVIEWER = 'SETTLEMENT_REVIEWER',
  PHARMACY_PRINCIPAL = 'PHARMACY_PRINCIPAL',
}

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

/** Statuses of a registration that still binds the person to the institution (R3). */
export const LIVE_STATUSES: readonly RegistrationStatus[] = [RegistrationStatus.NORMAL, RegistrationStatus.SUSPENDED];

/**
 * R2: national personnel codes are a letter prefix, the 6-digit region and a 6-digit sequence.
 * The regulation names D for doctors and HY/HJ for pharmacy and technical staff; nurses carry N.
 * Categories the national code table does not fix accept any one- or two-letter prefix.
 */
const CODE_PREFIXES: Partial<Record<PersonnelCategory, string[]>> = {
  DOCTOR: ['D'],
  NURSE: ['N'],
  PHARMACIST: ['HY', 'Y'],
  TECHNICIAN: ['HJ', 'J'],
  PHARMACY_PRINCIPAL: ['HY', 'Y'],
};

/** A national personnel code: letter prefix, 6-digit region, 6-digit sequence. */
export const PERSONNEL_CODE = /^([A-Z]{1,2})(\d{6})(\d{6})$/;

/** GB/T 2260 province-level prefixes (11 Beijing … 65 Xinjiang, 71 Taiwan, 81–82 Hong Kong, Macao). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export function isRegionCode(region: string): boolean {
  return /^\d{6}$/.test(region) && PROVINCES.has(region.slice(0, 2));
}

export type EntryProblemCode = 'INVALID_ID_NUMBER' | 'INVALID_PERSONNEL_CODE' | 'INVALID_REGION_CODE';
export interface Problem<C extends string = string> {
  code: C;
  message: string;
  /** REGISTRATION_BANNED: the last day of the ban. */
  until?: IsoDate;
  /** PERSON_DATA_MISMATCH: the field that differs from the person's file. */
  field?: string;
}

export function personnelCodeProblem(code: string, category: PersonnelCategory): Problem<EntryProblemCode> | null {
  const match = PERSONNEL_CODE.exec(code);
  if (!match) return { code: 'INVALID_PERSONNEL_CODE', message: `${code} is not a personnel code (letter prefix, 6-digit region, 6-digit sequence)` };
  const allowed = CODE_PREFIXES[category];
  if (allowed && !allowed.includes(match[1])) {
    return {
      code: 'INVALID_PERSONNEL_CODE',
      message: `a ${category.toLowerCase().replace('_', ' ')} code starts with ${allowed.join(' or ')}, not ${match[1]}`,
    };
  }
  if (!isRegionCode(match[2])) return { code: 'INVALID_REGION_CODE', message: `${match[2]} in ${code} is not a region code` };
  return null;
}

/** The region digits of a valid personnel code. */
export function regionOfPersonnelCode(code: string): string {
  return PERSONNEL_CODE.exec(code)![2];
}

/** R2: an 18-digit resident ID (GB 11643) with its ISO 7064 MOD 11-2 check character. */
export function idNumberProblem(idNumber: string): Problem<EntryProblemCode> | null {
  const result = validateCnid(idNumber);
  // validid accepts days a month does not have (19490230); the calendar check closes that gap.
  if (result.ok && isIsoDate(birthDateOfIdNumber(idNumber))) return null;
  const why =
    { INVALID_CHECKSUM: 'its check character is wrong', INVALID_DATE: 'its birth date is impossible', INVALID_LENGTH: 'it does not have 18 characters' }[
      result.ok ? 'INVALID_DATE' : result.status.text
    ] ?? 'it is not a resident ID number';
  return { code: 'INVALID_ID_NUMBER', message: `${maskIdNumber(idNumber)} is not a valid ID number: ${why}` };
}

/** Birth date encoded in a valid resident ID number. */
export function birthDateOfIdNumber(idNumber: string): IsoDate {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** Gender encoded in a valid resident ID number: the 17th digit is odd for men. */
export function genderOfIdNumber(idNumber: string): Gender {
  return Number(idNumber[16]) % 2 === 1 ? Gender.MALE : Gender.FEMALE;
}

/** 370102********123X: region kept for routing, birth date and sequence hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
