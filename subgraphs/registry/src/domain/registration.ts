import type { IsoDate } from '@pq/time';
import { birthDateOfIdNumber, idNumberProblem, PersonnelCategory, personnelCodeProblem, Problem, RegistrationStatus } from './personnel';

export type RegistrationProblemCode =
  | 'INVALID_ID_NUMBER'
  | 'INVALID_PERSONNEL_CODE'
  | 'INVALID_REGION_CODE'
  | 'NOT_FOUND'
  | 'NO_AGREEMENT_IN_FORCE'
  | 'REGISTRATION_BANNED'
  | 'DUPLICATE_REGISTRATION'
  | 'PERSON_DATA_MISMATCH'
  | 'BAD_USER_INPUT';

/** One status of one agreement over a span of days (a row of registry's agreement_status_interval). */
export interface AgreementFacts {
  status: string;
  /** The agreement's validity, first and last day. */
  agreementValidFrom: IsoDate;
  agreementValidUntil: IsoDate;
  /** The days the status held: from `validFrom` until before `validTo` (null: it still holds). */
  validFrom: IsoDate;
  validTo?: IsoDate | null;
}

export interface InstitutionFacts {
  code: string;
  kind: 'MEDICAL' | 'PHARMACY';
  agreements: AgreementFacts[];
}

export interface PersonFacts {
  /** The person's file: an institution's entry must match it, only the agency corrects it. */
  idNumber: string;
  name: string;
  birthDate: IsoDate;
  /** The person-level status on the registration date (a sanction or a measure naming them holds it). */
  status: RegistrationStatus;
  reRegistrationBlockedUntil: IsoDate | null;
  /** Institutions where the person has a live (normal or suspended) registration. */
  liveInstitutionCodes: string[];
}

export interface RegistrationRequest {
  code: string;
  name: string;
  idNumber: string;
  category: PersonnelCategory;
  institutionCode: string;
  registeredOn: IsoDate;
}

/**
 * G1: an institution's staff have payment qualification only while its agreement is in force: on
 * a day within an agreement's validity when that agreement was active (not suspended or terminated).
 * The claim-facts statement (loaders/claim-facts.ts) applies the same rule in SQL.
 */
export function agreementInForce(agreements: AgreementFacts[], on: IsoDate): boolean {
  return agreements.some(
    (a) => a.status === 'ACTIVE' && a.agreementValidFrom <= on && on <= a.agreementValidUntil && a.validFrom <= on && (a.validTo == null || on < a.validTo),
  );
}

/** Why one entry of a registration batch is refused (R1, R2, R5, R9), or null. */
export function registrationProblem(
  request: RegistrationRequest,
  institution: InstitutionFacts | null,
  person: PersonFacts | null,
): Problem<RegistrationProblemCode> | null {
  const format = personnelCodeProblem(request.code, request.category) ?? idNumberProblem(request.idNumber);
  if (format) return format;
  if (!institution) return { code: 'NOT_FOUND', message: `institution ${request.institutionCode} is not a designated institution` };
  if (!agreementInForce(institution.agreements, request.registeredOn)) {
    return { code: 'NO_AGREEMENT_IN_FORCE', message: `institution ${institution.code} has no service agreement in force on ${request.registeredOn}` };
  }
  if (request.category === PersonnelCategory.PHARMACY_PRINCIPAL && institution.kind !== 'PHARMACY') {
    return { code: 'BAD_USER_INPUT', message: `a pharmacy principal is registered by a pharmacy; ${institution.code} is a medical institution` };
  }
  if (!person) return null;
  const mismatch = personDataMismatch(request, person);
  if (mismatch) return mismatch;
  if (person.reRegistrationBlockedUntil && request.registeredOn <= person.reRegistrationBlockedUntil) {
    return {
      code: 'REGISTRATION_BANNED',
      message: `${request.code} may not be registered again until after ${person.reRegistrationBlockedUntil} (R9)`,
      until: person.reRegistrationBlockedUntil,
    };
  }
  if (person.status === RegistrationStatus.SUSPENDED || person.status === RegistrationStatus.TERMINATED) {
    return { code: 'REGISTRATION_BANNED', message: `${request.code} is ${person.status.toLowerCase()}; no institution may newly register them during it (R5)` };
  }
  if (person.liveInstitutionCodes.includes(request.institutionCode)) {
    return { code: 'DUPLICATE_REGISTRATION', message: `${request.code} is already registered at ${request.institutionCode}` };
  }
  return null;
}

/**
 * A person belongs to no institution: an institution registering a known person states the
 * identity on file (ID number, name, birth date) and changes none of it; the agency corrects a
 * person's data (correctPersonData).
 */
export function personDataMismatch(
  request: Pick<RegistrationRequest, 'code' | 'name' | 'idNumber'>,
  person: Pick<PersonFacts, 'idNumber' | 'name' | 'birthDate'>,
): Problem<'PERSON_DATA_MISMATCH'> | null {
  const differs = (field: string, what: string): Problem<'PERSON_DATA_MISMATCH'> => ({
    code: 'PERSON_DATA_MISMATCH',
    field,
    message: `${request.code} is on file with another ${what}; only the medical-insurance agency corrects a person's data`,
  });
  if (request.idNumber !== person.idNumber) return differs('idNumber', 'ID number');
  if (request.name.trim() !== person.name.trim()) return differs('name', 'name');
  if (birthDateOfIdNumber(request.idNumber) !== person.birthDate) return differs('birthDate', 'birth date');
  return null;
}
