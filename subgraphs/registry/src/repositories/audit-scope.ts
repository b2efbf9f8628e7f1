import { AuditScope, EntityManager, mergeAuditScopes, queryRows } from '@pq/data';

/**
 * Where audit entries about each person belong, as personScope (scope.ts) sees the person: the
 * region of their code and the institutions (with their regions) where they are registered.
 */
export async function personAuditScopes(em: EntityManager, codes: string[]): Promise<Map<string, AuditScope>> {
  const rows = await queryRows<{ code: string; region_code: string; institution_codes: string[]; region_codes: string[] }>(em, {
    text: `select p.code, p.region_code,
                  coalesce(array_agg(rs.institution_code) filter (where rs.institution_code is not null), '{}') as institution_codes,
                  coalesce(array_agg(coalesce(iv.region_code, substr(rs.institution_code, 2, 6))) filter (where rs.institution_code is not null), '{}') as region_codes
             from registry.person p
             left join registry.registration rs on rs.person_code = p.code
             left join registry.institution_view iv on iv.code = rs.institution_code
            where p.code = any($1::text[])
            group by p.code, p.region_code`,
    values: [codes],
  });
  return new Map(
    rows.map((row) => [row.code, mergeAuditScopes({ regionCodes: [row.region_code, ...row.region_codes], institutionCodes: row.institution_codes })]),
  );
}

/** Where an audit entry about these persons belongs. */
export async function personsAuditScope(em: EntityManager, codes: string[]): Promise<AuditScope> {
  return mergeAuditScopes({ regionCodes: [], institutionCodes: [] }, ...(await personAuditScopes(em, codes)).values());
}

/** Where an audit entry about a registration belongs: its person's scope. */
export async function registrationAuditScope(em: EntityManager, registrationId: string): Promise<AuditScope> {
  const rows = await queryRows<{ person_code: string }>(em, { text: `select person_code from registry.registration where id = $1`, values: [registrationId] });
  return personsAuditScope(
    em,
    rows.map((row) => row.person_code),
  );
}
