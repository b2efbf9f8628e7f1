import { DomainError } from '@pq/errors';
import type { IsoDate } from '@pq/time';
import { birthDateOfIdNumber, Gender, genderOfIdNumber, idNumberProblem } from './personnel';

/** A person's identity on file (一医一档): the same at every institution, corrected by the agency alone. */
export interface PersonData {
  name: string;
  idNumber: string;
  birthDate: IsoDate;
  gender: Gender | null;
  phone: string | null;
}

/** The fields an agency corrects; absent fields stay. */
export type PersonDataCorrection = { [K in keyof PersonData]?: PersonData[K] | null };

const refuse = (field: keyof PersonData, message: string) => new DomainError('BAD_USER_INPUT', message, { field });

/**
 * The person's data after an agency's correction, and which fields changed. The birth date is part
 * of the ID number: a corrected ID number brings its birth date (and its gender unless one is
 * given), and a birth date the ID number contradicts is refused. A correction that changes
 * nothing is refused too: the audit entry names what was corrected.
 */
export function correctedPersonData(current: PersonData, correction: PersonDataCorrection): { data: PersonData; changed: (keyof PersonData)[] } {
  const data = { ...current };
  if (correction.name != null) {
    if (!correction.name.trim()) throw refuse('name', 'a corrected name cannot be empty');
    data.name = correction.name.trim();
  }
  if (correction.idNumber != null) {
    const problem = idNumberProblem(correction.idNumber);
    if (problem) throw new DomainError(problem.code, problem.message, { field: 'idNumber' });
    data.idNumber = correction.idNumber;
    if (data.idNumber !== current.idNumber) {
      data.birthDate = birthDateOfIdNumber(data.idNumber);
      data.gender = genderOfIdNumber(data.idNumber);
    }
  }
  if (correction.birthDate != null) {
    if (correction.birthDate !== birthDateOfIdNumber(data.idNumber))
      throw refuse('birthDate', `the birth date ${correction.birthDate} contradicts the ID number's ${birthDateOfIdNumber(data.idNumber)}`);
    data.birthDate = correction.birthDate;
  }
  if (correction.gender != null) data.gender = correction.gender;
  // An empty phone removes the number on file.
  if (correction.phone != null) data.phone = correction.phone.trim() || null;
  const changed = (Object.keys(data) as (keyof PersonData)[]).filter((field) => data[field] !== current[field]);
  if (changed.length === 0) throw new DomainError('BAD_USER_INPUT', 'the correction changes nothing on file');
  return { data, changed };
}
