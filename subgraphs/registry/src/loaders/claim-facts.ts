import DataLoader from 'dataloader';
import { EntityManager, IsoDate, orderByKeys, queryRows } from '@pq/kit';
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

type FactsRow = { line_id: string; status: RegistrationStatus | null; commitment_signed_on: string | null; agreement_in_force: boolean };

/**
 * The statement behind fetchClaimFacts. Lines arrive as bound arrays (unnest), so PostgreSQL
 * plans for the real number of lines. Facts are looked up once per distinct (person,
 * institution, date) and once per distinct (institution, date) — a month of claims repeats
 * them many times — each with index lookups, and hash-joined back to the lines. `materialized`
 * keeps PostgreSQL from folding the lookups back into the join, once per line.
 */
function claimFactsSql(irregularOnly: boolean): string {
  return `with claim as (
       select * from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::boolean[]) as c(line_id, person_code, institution_code, service_date, emergency)
       ${irregularOnly ? 'where not c.emergency' : ''}),
     site as materialized (
       select s.person_code, s.institution_code, s.service_date, f.status, f.commitment_signed_on
         from (select distinct person_code, institution_code, service_date from claim) s
         left join lateral (
           select si.status, r.commitment_signed_on
             from registry.registration r
             join registry.status_interval si on si.registration_id = r.id
              and si.valid_from <= s.service_date and (si.valid_to is null or si.valid_to > s.service_date)
            where r.person_code = s.person_code and r.institution_code = s.institution_code
            order by si.valid_from desc limit 1) f on true),
     agreement as materialized (
       select a.institution_code, a.service_date,
              exists (select 1 from registry.agreement_view av
                       where av.institution_code = a.institution_code and av.status = 'ACTIVE'
                         and av.valid_from <= a.service_date and a.service_date <= av.valid_until) as in_force
         from (select distinct institution_code, service_date from claim) a)
     select c.line_id, s.status, to_char(s.commitment_signed_on, 'YYYY-MM-DD') as commitment_signed_on, ag.in_force as agreement_in_force
       from claim c
       join site s on s.person_code = c.person_code and s.institution_code = c.institution_code and s.service_date = c.service_date
       join agreement ag on ag.institution_code = c.institution_code and ag.service_date = c.service_date
      ${irregularOnly ? `where not (s.status is not distinct from 'NORMAL' and s.commitment_signed_on <= c.service_date and ag.in_force)` : ''}`;
}

/** Up to this many lines (eligibility checks of one request) share one prepared plan; larger audits are planned for their size. */
const PREPARED_UP_TO = 64;

/**
 * The facts of many claim lines in one statement (E1, E3): for each line, the status of the
 * person's registration at that institution on the service date (one index range lookup in the
 * status intervals), the commitment date, and whether an agreement was in force that day.
 * With `irregularOnly`, lines that are plainly payable (normal, committed, agreement in force)
 * or emergencies are left out in SQL, so a monthly audit returns only what needs a verdict.
 */
export async function fetchClaimFacts(em: EntityManager, lines: ClaimLine[], irregularOnly: boolean): Promise<ClaimLineFacts[]> {
  if (lines.length === 0) return [];
  const rows = await queryRows<FactsRow>(em, {
    name: lines.length <= PREPARED_UP_TO ? `pq_claim_facts${irregularOnly ? '_irregular' : ''}` : undefined,
    text: claimFactsSql(irregularOnly),
    values: [lines.map((l) => l.lineId), lines.map((l) => l.personCode), lines.map((l) => l.institutionCode), lines.map((l) => l.serviceDate), lines.map((l) => l.emergency)],
  });
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
