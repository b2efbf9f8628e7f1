import DataLoader from 'dataloader';
import { EntityManager, IsoDate, orderByKeys } from '@pq/kit';
import type { ClaimFacts } from '../domain/eligibility';
import type { RegistrationStatus } from '../domain/personnel';

export interface ClaimLine {
  lineId: string;
  personCode: string;
  institutionCode: string;
  serviceDate: IsoDate;
  emergency: boolean;
  amount: number;
}

export interface ClaimLineFacts extends ClaimFacts {
  lineId: string;
}

/**
 * The facts of many claim lines in one statement (E1, E3): for each line, the status of the
 * person's registration at that institution on the service date (one index range lookup in the
 * status intervals), the commitment date, and whether an agreement was in force that day.
 * With `irregularOnly`, lines that are plainly payable (normal, committed, agreement in force)
 * or emergencies are left out in SQL, so a monthly audit returns only what needs a verdict.
 */
export async function fetchClaimFacts(em: EntityManager, lines: ClaimLine[], irregularOnly: boolean): Promise<ClaimLineFacts[]> {
  if (lines.length === 0) return [];
  const rows: { line_id: string; status: RegistrationStatus | null; commitment_signed_on: string | null; agreement_in_force: boolean }[] = await em.execute(
    `with claim as (
       select * from jsonb_to_recordset(?::jsonb) as c("lineId" text, "personCode" text, "institutionCode" text, "serviceDate" date, emergency boolean))
     select c."lineId" as line_id, s.status, to_char(s.commitment_signed_on, 'YYYY-MM-DD') as commitment_signed_on, a.in_force is not null as agreement_in_force
       from claim c
       left join lateral (
         select si.status, r.commitment_signed_on
           from registry.registration r
           join registry.status_interval si on si.registration_id = r.id
            and si.valid_from <= c."serviceDate" and (si.valid_to is null or si.valid_to > c."serviceDate")
          where r.person_code = c."personCode" and r.institution_code = c."institutionCode"
          order by si.valid_from desc limit 1) s on true
       left join lateral (
         select true as in_force from registry.agreement_view av
          where av.institution_code = c."institutionCode" and av.status = 'ACTIVE'
            and av.valid_from <= c."serviceDate" and c."serviceDate" <= av.valid_until
          limit 1) a on true
      ${irregularOnly ? `where not c.emergency and not (s.status is not distinct from 'NORMAL' and s.commitment_signed_on <= c."serviceDate" and a.in_force is not null)` : ''}`,
    [JSON.stringify(lines.map(({ lineId, personCode, institutionCode, serviceDate, emergency }) => ({ lineId, personCode, institutionCode, serviceDate, emergency })))],
  );
  return rows.map((row) => ({ lineId: row.line_id, status: row.status, commitmentSignedOn: row.commitment_signed_on, agreementInForce: row.agreement_in_force }));
}

/** `paymentEligibility` calls of one request answered by one statement. */
export function claimFactsLoader(em: EntityManager): DataLoader<ClaimLine, ClaimLineFacts, string> {
  return new DataLoader(
    async (lines) => {
      const facts = await fetchClaimFacts(em, [...lines], false);
      return orderByKeys(lines.map((line) => line.lineId), facts, (f) => f.lineId) as ClaimLineFacts[];
    },
    { cacheKeyFn: (line) => line.lineId },
  );
}
