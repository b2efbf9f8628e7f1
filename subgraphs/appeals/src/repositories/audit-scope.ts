import { AuditScope, EntityManager, queryRows } from '@pq/data';

/** Where an audit entry about an appeal belongs: as the appeal's own row scope (appeals.ts), its region and institution. */
export async function appealAuditScope(em: EntityManager, appealId: string): Promise<AuditScope> {
  const [row] = await queryRows<{ region_code: string; institution_code: string }>(em, {
    text: `select region_code, institution_code from appeals.appeal where id = $1`,
    values: [appealId],
  });
  return row ? { regionCodes: [row.region_code], institutionCodes: [row.institution_code] } : { regionCodes: [], institutionCodes: [] };
}
