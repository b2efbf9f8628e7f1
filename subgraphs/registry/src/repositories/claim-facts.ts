import { EntityManager, queryRows } from '@pq/data';
import { IsoDate } from '@pq/time';
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

type SiteFactsRow = {
  n: string;
  status: RegistrationStatus | null;
  status_after_review: RegistrationStatus | null;
  commitment_signed_on: string | null;
  agreement_in_force: boolean;
};

/** The sites to look up: bound arrays, numbered 1… (an audit), or one site (an eligibility check). */
const MANY_SITES = `unnest($1::text[], $2::text[], $3::date[]) with ordinality as s(person_code, institution_code, service_date, n)`;
const ONE_SITE = `(select $1::text as person_code, $2::text as institution_code, $3::date as service_date, 1::bigint as n) s`;

/**
 * The facts of distinct (person, institution, service date) sites: the status of the person's
 * registration there on that date (one index range lookup in the status intervals), the
 * commitment date, and whether an agreement was in force that day (valid, and active rather than
 * suspended or terminated on that day: agreementInForce in domain/registration.ts). With `irregularOnly`, sites
 * where everything is in order are left out in SQL: only those that claimVerdict pays — `is not true`,
 * because a NULL (no commitment, no registration) makes the condition unknown, not false. A single site skips `unnest`, which costs
 * PostgreSQL about a third more on the one-line check settlement systems send most.
 */
function siteFactsSql(sites: string, irregularOnly: boolean): string {
  return `select s.n, f.status, f.status_after_review, to_char(f.commitment_signed_on, 'YYYY-MM-DD') as commitment_signed_on, a.in_force is not null as agreement_in_force
       from ${sites}
       left join lateral (
         select si.status, si.status_after_review, r.commitment_signed_on
           from registry.registration r
           join registry.status_interval si on si.registration_id = r.id
            and si.valid_from <= s.service_date and (si.valid_to is null or si.valid_to > s.service_date)
          where r.person_code = s.person_code and r.institution_code = s.institution_code
          order by r.registered_on desc, si.valid_from desc limit 1) f on true
       left join lateral (
         select true as in_force from registry.agreement_status_interval ai
          where ai.institution_code = s.institution_code and ai.status = 'ACTIVE'
            and ai.agreement_valid_from <= s.service_date and s.service_date <= ai.agreement_valid_until
            and ai.valid_from <= s.service_date and (ai.valid_to is null or ai.valid_to > s.service_date)
          limit 1) a on true
      ${irregularOnly ? `where (f.status_after_review = 'NORMAL' and f.commitment_signed_on <= s.service_date and a.in_force is not null) is not true` : ''}`;
}

export type ClaimSite = Pick<ClaimLine, 'personCode' | 'institutionCode' | 'serviceDate'>;

export const siteKey = (site: ClaimSite) => `${site.personCode}|${site.institutionCode}|${site.serviceDate}`;

/**
 * The facts of distinct sites in one statement (E1, E3), in the order given: PostgreSQL looks each
 * site up once (index lookups, one generic plan). With `irregularOnly`, a site where everything is
 * in order (claimVerdict pays it) comes back undefined.
 */
export async function fetchSiteFacts(em: EntityManager, sites: ClaimSite[], irregularOnly: boolean): Promise<(ClaimFacts | undefined)[]> {
  const factsBySite: (ClaimFacts | undefined)[] = new Array(sites.length);
  if (sites.length === 0) return factsBySite;
  const one = sites.length === 1;
  const rows = await queryRows<SiteFactsRow>(em, {
    name: `pq_site_facts${one ? '_one' : ''}${irregularOnly ? '_irregular' : ''}`,
    text: siteFactsSql(one ? ONE_SITE : MANY_SITES, irregularOnly),
    values: one
      ? [sites[0].personCode, sites[0].institutionCode, sites[0].serviceDate]
      : [sites.map((l) => l.personCode), sites.map((l) => l.institutionCode), sites.map((l) => l.serviceDate)],
  });
  for (const row of rows)
    factsBySite[Number(row.n) - 1] = {
      status: row.status,
      statusAfterReview: row.status_after_review,
      commitmentSignedOn: row.commitment_signed_on,
      agreementInForce: row.agreement_in_force,
    };
  return factsBySite;
}

/**
 * The facts of many claim lines in one statement (E1, E3). A month of claims repeats the same
 * person, institution and date many times: the lines are reduced to their distinct sites here
 * and the facts are handed back to every line of the site. With `irregularOnly`, emergencies
 * (always payable) and lines whose site is in order are left out, so a monthly audit returns only
 * what needs a verdict.
 */
export async function fetchClaimFacts(em: EntityManager, lines: ClaimLine[], irregularOnly: boolean): Promise<ClaimLineFacts[]> {
  const considered = irregularOnly ? lines.filter((line) => !line.emergency) : lines;
  // Each line's site number (index into `distinct`), computed once: an audit call has 20,000 lines.
  const siteNumbers = new Map<string, number>();
  const distinct: ClaimLine[] = [];
  const siteOfLine = considered.map((line) => {
    const key = siteKey(line);
    let site = siteNumbers.get(key);
    if (site === undefined) {
      site = distinct.push(line) - 1;
      siteNumbers.set(key, site);
    }
    return site;
  });
  const factsBySite = await fetchSiteFacts(em, distinct, irregularOnly);
  const result: ClaimLineFacts[] = [];
  considered.forEach((line, i) => {
    const facts = factsBySite[siteOfLine[i]];
    if (facts) result.push({ lineId: line.lineId, ...facts });
  });
  return result;
}
