import { Caller, isRegionScoped, seesEverything } from '@pq/caller';
import { EntityManager, findRows, lockAggregates, queryRows, toEntities } from '@pq/data';
import type { IsoDate } from '@pq/time';
import { AgreementStatus, InstitutionKind } from '../domain/institution';
import { Institution } from '../entities/institution';

/**
 * Row scope, written once: the region prefix an agency, the administration or a partner is held
 * to, or null where the caller may read any institution (designated institutions are a public
 * list, G8, so institutions and persons read any).
 */
export function regionHeldTo(caller: Caller): string | null {
  return isRegionScoped(caller) && !seesEverything(caller) ? caller.region : null;
}

export function institutionVisible(caller: Caller, institution: Pick<Institution, 'regionCode'>): boolean {
  const held = regionHeldTo(caller);
  return held === null || institution.regionCode.startsWith(held);
}

/** Serialises the transactions that act on these institutions and their agreements until commit. */
export function lockInstitutions(em: EntityManager, codes: Iterable<string>): Promise<void> {
  return lockAggregates(em, 'institution', codes);
}

export function findInstitution(em: EntityManager, code: string): Promise<Institution | null> {
  return em.findOne(Institution, { code });
}

/** For loaders: plain instances, read only. */
export function institutionsByCode(em: EntityManager, codes: string[]): Promise<Institution[]> {
  return findRows(em, Institution, { code: codes });
}

/** The other pharmacies of a pharmacy's chain, in code order (003 art.32(十五)). */
export function chainSisters(em: EntityManager, pharmacy: Institution): Promise<Institution[]> {
  return em.find(Institution, { owner: pharmacy.owner, kind: InstitutionKind.PHARMACY, code: { $ne: pharmacy.code } }, { orderBy: { code: 'asc' } });
}

export type InstitutionFacts = Pick<Institution, 'code' | 'name' | 'kind' | 'regionCode'> &
  Partial<Pick<Institution, 'owner' | 'publicInstitution' | 'level' | 'beds' | 'legalRepresentative' | 'principal'>>;

export function upsertInstitution(em: EntityManager, facts: InstitutionFacts): Promise<Institution> {
  return em.upsert(Institution, facts);
}

/** One statement for the batch: an import carries thousands of institutions. */
export function upsertInstitutions(em: EntityManager, facts: InstitutionFacts[]): Promise<Institution[]> {
  return em.upsertMany(Institution, facts);
}

export interface InstitutionListFilter {
  kind?: InstitutionKind | null;
  regionPrefix?: string | null;
  /** The status of the current agreement with the institution's own region. */
  agreementStatus?: AgreementStatus | null;
  namePrefix?: string | null;
  /** Whether the current agreement is in force on `today`: ACTIVE and not expired (effectiveStatus, G9), as Institution.agreement.status says. */
  designated?: boolean | null;
  today: IsoDate;
}

/** One page of the institutions a caller may list, in code order after the cursor, and how many there are in all. */
export async function institutionPage(
  em: EntityManager,
  caller: Caller,
  filter: InstitutionListFilter,
  after: string | null,
  limit: number,
  backward = false,
): Promise<{ rows: Institution[]; count: () => Promise<number> }> {
  const values: unknown[] = [];
  const conditions: string[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const held = regionHeldTo(caller);
  if (held) conditions.push(`i.region_code like ${bind(`${held}%`)}`);
  if (filter.kind) conditions.push(`i.kind = ${bind(filter.kind)}`);
  if (filter.regionPrefix) conditions.push(`i.region_code like ${bind(`${filter.regionPrefix}%`)}`);
  const current = (column: string) =>
    `(select ${column} from agreements.agreement a where a.institution_code = i.code and a.region_code = i.region_code order by a.valid_from desc limit 1)`;
  if (filter.agreementStatus) conditions.push(`${current('a.status')} = ${bind(filter.agreementStatus)}`);
  if (filter.designated != null) {
    const inForce = `a.status = '${AgreementStatus.ACTIVE}' and (a.valid_until >= ${bind(filter.today)}::date or a.renewal_pending)`;
    conditions.push(`coalesce(${current(inForce)}, false) = ${bind(filter.designated)}`);
  }
  if (filter.namePrefix) conditions.push(`i.name like ${bind(`${filter.namePrefix}%`)}`);
  const where = (extra: string[]) => (extra.length ? ` where ${extra.join(' and ')}` : '');
  const filtered = [...conditions];
  const filteredValues = [...values];
  if (after) conditions.push(`i.code ${backward ? '<' : '>'} ${bind(after)}`);
  const rows = await queryRows(em, {
    text: `select i.* from agreements.institution i${where(conditions)} order by i.code ${backward ? 'desc' : 'asc'} limit ${bind(limit + 1)}`,
    values,
  });
  return {
    rows: toEntities(em, Institution, rows),
    count: async () =>
      (
        await queryRows<{ count: number }>(em, {
          text: `select count(*)::int as count from agreements.institution i${where(filtered)}`,
          values: filteredValues,
        })
      )[0].count,
  };
}

/** The monthly public list (G8, 003 art.33): institutions with an agreement with a region of the prefix in force at some time between the days. */
export async function institutionsWithAgreementsIn(em: EntityManager, regionPrefix: string, first: string, last: string): Promise<Institution[]> {
  const rows = await queryRows(em, {
    text: `select i.* from agreements.institution i
            where exists (select 1 from agreements.agreement a
                           where a.institution_code = i.code and a.region_code like $1 and a.status = any($2) and a.valid_from <= $3 and a.valid_until >= $4)
            order by i.code`,
    values: [`${regionPrefix}%`, [AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED], last, first],
  });
  return toEntities(em, Institution, rows);
}
