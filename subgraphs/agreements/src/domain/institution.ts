import type { IsoDate } from '@pq/time';

export enum InstitutionKind {
  MEDICAL = 'MEDICAL',
  PHARMACY = 'PHARMACY',
}

export enum AgreementStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
  EXPIRED = 'EXPIRED',
}

const INSTITUTION_CODE = /^([HP])(\d{6})(\d{5})$/;

export interface InstitutionCodeParts {
  kind: InstitutionKind;
  regionCode: string;
}

/** G0: `H` (medical) or `P` (pharmacy), the 6-digit region, a 5-digit sequence. Null when malformed. */
export function parseInstitutionCode(code: string): InstitutionCodeParts | null {
  const match = INSTITUTION_CODE.exec(code);
  if (!match) return null;
  return { kind: match[1] === 'H' ? InstitutionKind.MEDICAL : InstitutionKind.PHARMACY, regionCode: match[2] };
}

export interface InstitutionImportEntry {
  code: string;
  kind: InstitutionKind;
  regionCode: string;
  agreementValidFrom: IsoDate;
  agreementValidUntil: IsoDate;
}

type IdentityProblem = { code: 'INVALID_INSTITUTION_CODE' | 'INVALID_REGION_CODE' | 'BAD_USER_INPUT'; message: string };

/** G0: the code, kind and region of an institution agree with each other. */
export function institutionIdentityProblem(entry: Pick<InstitutionImportEntry, 'code' | 'kind' | 'regionCode'>): IdentityProblem | null {
  const parts = parseInstitutionCode(entry.code);
  if (!parts) return { code: 'INVALID_INSTITUTION_CODE', message: `${entry.code} is not an institution code (H or P, 6-digit region, 5-digit sequence)` };
  if (parts.kind !== entry.kind)
    return {
      code: 'INVALID_INSTITUTION_CODE',
      message: `${entry.code} is the code of a ${parts.kind.toLowerCase()} institution, not ${entry.kind.toLowerCase()}`,
    };
  if (!/^\d{6}$/.test(entry.regionCode)) return { code: 'INVALID_REGION_CODE', message: `${entry.regionCode} is not a 6-digit region code` };
  if (parts.regionCode !== entry.regionCode)
    return { code: 'INVALID_REGION_CODE', message: `${entry.code} belongs to region ${parts.regionCode}, not ${entry.regionCode}` };
  return null;
}

/** Why an imported institution is refused, or null when it is acceptable. */
export function institutionImportProblem(entry: InstitutionImportEntry): IdentityProblem | null {
  const identity = institutionIdentityProblem(entry);
  if (identity) return identity;
  if (entry.agreementValidUntil < entry.agreementValidFrom)
    return { code: 'BAD_USER_INPUT', message: `agreement ends (${entry.agreementValidUntil}) before it starts (${entry.agreementValidFrom})` };
  return null;
}
