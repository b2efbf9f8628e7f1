import { AuditScope, EntityManager, mergeAuditScopes, queryRows } from '@pq/data';

/**
 * Where an audit entry about these persons and institutions belongs, as scope.ts sees them: a
 * person by the region in their code and where registry says they are registered, an institution
 * by its region (an unknown one by the region in its code).
 */
export async function auditScopeOf(em: EntityManager, personCodes: string[], institutionCodes: string[]): Promise<AuditScope> {
  const [persons, institutions] = await Promise.all([
    queryRows<{ region_codes: string[]; institution_codes: string[] }>(em, {
      text: `select region_codes, institution_codes from scoring.person_view where code = any($1::text[])`,
      values: [personCodes],
    }),
    queryRows<{ code: string; region_code: string }>(em, {
      text: `select code, region_code from scoring.institution_view where code = any($1::text[])`,
      values: [institutionCodes],
    }),
  ]);
  return auditScopeFrom(
    personCodes,
    institutionCodes,
    persons.map((row) => ({ regionCodes: row.region_codes, institutionCodes: row.institution_codes })),
    new Map(institutions.map((row) => [row.code, row.region_code])),
  );
}

/** The same from the persons' and institutions' read models a command has already read. */
export function auditScopeFrom(
  personCodes: string[],
  institutionCodes: string[],
  persons: { regionCodes: string[]; institutionCodes: string[] }[],
  regionOf: Map<string, string>,
): AuditScope {
  return mergeAuditScopes(
    { regionCodes: personCodes.map((code) => code.replace(/^[A-Z]+/, '').slice(0, 6)), institutionCodes },
    { regionCodes: institutionCodes.map((code) => regionOf.get(code) ?? code.slice(1, 7)), institutionCodes: [] },
    ...persons.map(({ regionCodes, institutionCodes }) => ({ regionCodes, institutionCodes })),
  );
}

/** Where an audit entry about a notice or an application (restoration, repair) belongs: its person's and institution's. */
export async function auditScopeOfRow(em: EntityManager, table: 'notice' | 'restoration_application' | 'repair_application', id: string): Promise<AuditScope> {
  const rows = await queryRows<{ person_code: string; institution_code: string }>(em, {
    text: `select person_code, institution_code from scoring.${table} where id = $1`,
    values: [id],
  });
  return auditScopeOf(
    em,
    rows.map((row) => row.person_code),
    rows.map((row) => row.institution_code),
  );
}
