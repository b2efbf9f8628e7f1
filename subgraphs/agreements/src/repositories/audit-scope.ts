import { AuditScope, EntityManager, mergeAuditScopes, queryRows } from '@pq/data';

/**
 * Where audit entries about each institution belong, as the institution loader's scope sees it:
 * the institution's region and every region it holds an agreement with (003 art.33).
 */
export async function institutionAuditScopes(em: EntityManager, codes: string[]): Promise<Map<string, AuditScope>> {
  const rows = await queryRows<{ code: string; region_codes: string[] }>(em, {
    text: `select i.code, array[i.region_code] || coalesce(array_agg(a.region_code) filter (where a.region_code is not null), '{}') as region_codes
             from agreements.institution i left join agreements.agreement a on a.institution_code = i.code
            where i.code = any($1::text[]) group by i.code, i.region_code`,
    values: [codes],
  });
  return new Map(rows.map((row) => [row.code, mergeAuditScopes({ regionCodes: row.region_codes, institutionCodes: [row.code] })]));
}

/** Where an audit entry about these institutions belongs. */
export async function institutionsAuditScope(em: EntityManager, codes: string[]): Promise<AuditScope> {
  return mergeAuditScopes({ regionCodes: [], institutionCodes: codes }, ...(await institutionAuditScopes(em, codes)).values());
}

/** Where an audit entry about a designation application or an information change belongs: its institution's. */
export async function auditScopeOfRow(em: EntityManager, table: 'designation_application' | 'information_change', id: string): Promise<AuditScope> {
  const rows = await queryRows<{ institution_code: string }>(em, { text: `select institution_code from agreements.${table} where id = $1`, values: [id] });
  return institutionsAuditScope(
    em,
    rows.map((row) => row.institution_code),
  );
}
