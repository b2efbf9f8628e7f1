import { exportConditions, ExportRequest } from '@pq/subgraph';
import { PERSON_FACTS, REGISTRATION_FACTS } from './scope';

/** The selects of registry's bulk exports (docs/export.md): columns named as exported, rows in a stable order. */

const where = (conditions: string[]) => (conditions.length ? `where ${conditions.join(' and ')}` : '');

/** The same rule as domain/personnel.ts, maskIdNumber: the region and the last four kept. */
const MASKED_ID_NUMBER = `case when length(p.id_number) <= 10 then repeat('*', length(p.id_number))
  else left(p.id_number, 6) || repeat('*', length(p.id_number) - 10) || right(p.id_number, 4) end`;

/**
 * Persons with their status, in code order, code first: the gateway adds scoring's points to each
 * line by code (gateway/src/export.ts). The full ID number and the birth date only where the role
 * may read personal data: the birth date is the masked middle of the ID number.
 */
export function personExportRows(request: ExportRequest, personalData: boolean): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const conditions = exportConditions(request, PERSON_FACTS, (value) => `$${values.push(value)}`);
  return {
    text: `select p.code, p.name, ${MASKED_ID_NUMBER} as "idNumberMasked", ${personalData ? 'p.id_number' : 'null::text'} as "idNumber",
                  p.gender, ${personalData ? 'p.birth_date' : 'null::date'} as "birthDate", p.category, p.region_code as "regionCode", p.status,
                  p.re_registration_blocked_until as "reRegistrationBlockedUntil"
             from registry.person p ${where(conditions)} order by p.code`,
    values,
  };
}

/** Registrations in force at some time in the period (registered by its end, not cancelled before its start), by person. */
export function registrationExportRows(request: ExportRequest): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const conditions = exportConditions(request, REGISTRATION_FACTS, bind);
  if (request.until) conditions.push(`r.registered_on <= ${bind(request.until)}`);
  if (request.since) conditions.push(`(r.cancelled_on is null or r.cancelled_on >= ${bind(request.since)})`);
  return {
    text: `select r.id, r.person_code as "personCode", r.institution_code as "institutionCode",
                  coalesce(iv.region_code, substr(r.institution_code, 2, 6)) as "institutionRegionCode", r.status,
                  r.registered_on as "registeredOn", r.commitment_signed_on as "commitmentSignedOn", r.cancelled_on as "cancelledOn",
                  r.cancel_reason as "cancelReason", r.practice_type as "practiceType", r.practice_category as "practiceCategory",
                  r.practice_scope as "practiceScope", r.professional_title as "professionalTitle"
             from registry.registration r left join registry.institution_view iv on iv.code = r.institution_code
             ${where(conditions)} order by r.person_code, r.registered_on, r.id`,
    values,
  };
}
