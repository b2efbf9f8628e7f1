import type { RequiredEntityData } from '@mikro-orm/core';
import { Caller } from '@pq/caller';
import { EntityManager, findRows, queryRows, toEntities } from '@pq/data';
import { LIVE_STATUSES, RegistrationStatus } from '../domain/personnel';
import { Person } from '../entities/person';
import { Registration } from '../entities/registration';
import { registrationScope } from './scope';

/** Registrations by id, for reading (the registration loader). */
export function registrationsByIds(em: EntityManager, ids: string[]): Promise<Registration[]> {
  return findRows(em, Registration, { id: ids });
}

/** Which of these registrations the caller may see. */
export async function visibleRegistrationIds(em: EntityManager, caller: Caller, ids: string[]): Promise<Set<string>> {
  const scope = registrationScope(caller, 2);
  const rows = await queryRows<{ id: string }>(em, {
    text: `select r.id from registry.registration r where r.id = any($1::uuid[])${scope ? ` and ${scope.sql}` : ''}`,
    values: [ids, ...(scope?.values ?? [])],
  });
  return new Set(rows.map((row) => row.id));
}

/** All registrations of these persons, cancelled ones included, oldest first. */
export function registrationsOfPersons(em: EntityManager, personCodes: string[]): Promise<Registration[]> {
  return findRows(em, Registration, { personCode: personCodes }, { registeredOn: 'asc', institutionCode: 'asc' });
}

/** The normal or suspended registrations of these persons (R4/R5: one per institution). */
export function liveRegistrationsOf(em: EntityManager, personCodes: string[]): Promise<Registration[]> {
  return em.find(Registration, { personCode: { $in: personCodes }, status: { $in: [...LIVE_STATUSES] } });
}

export interface RegistrationFilter {
  institutionCode?: string | null;
  personCode?: string | null;
  /** Only registrations with one of these statuses. */
  statuses?: RegistrationStatus[] | null;
  /** Only registrations changed at or after this instant. */
  updatedSince?: Date | null;
}

/** The conditions on alias `r` for the caller's scope and a filter, with their parameters from $1. */
function registrationConditions(caller: Caller, filter: RegistrationFilter): { where: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const scope = registrationScope(caller, 1);
  if (scope) {
    conditions.push(scope.sql);
    values.push(...scope.values);
  }
  if (filter.institutionCode) conditions.push(`r.institution_code = ${bind(filter.institutionCode)}`);
  if (filter.personCode) conditions.push(`r.person_code = ${bind(filter.personCode)}`);
  if (filter.statuses) conditions.push(`r.status = any(${bind(filter.statuses)}::text[])`);
  if (filter.updatedSince) conditions.push(`r.updated_at >= ${bind(filter.updatedSince)}`);
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', values };
}

/** One keyset page of the registrations the caller may see, in id order: `limit` rows after the id `after`. */
export async function registrationsPage(
  em: EntityManager,
  caller: Caller,
  filter: RegistrationFilter,
  after: string | undefined,
  limit: number,
): Promise<Registration[]> {
  const { where, values } = registrationConditions(caller, filter);
  const cursor = after ? `${where ? `${where} and` : 'where'} r.id > $${values.push(after)}::uuid` : where;
  const rows = await queryRows(em, { text: `select r.* from registry.registration r ${cursor} order by r.id asc limit $${values.push(limit)}`, values });
  return toEntities(em, Registration, rows);
}

/** How many registrations the caller may see pass the filter. */
export async function countRegistrations(em: EntityManager, caller: Caller, filter: RegistrationFilter): Promise<number> {
  const { where, values } = registrationConditions(caller, filter);
  const [row] = await queryRows<{ count: number }>(em, { text: `select count(*)::int as count from registry.registration r ${where}`, values });
  return row.count;
}

/** A registration to change, managed. */
export function findRegistration(em: EntityManager, id: string): Promise<Registration | null> {
  return em.findOne(Registration, { id });
}

/** Reads a registration again: what a transaction that held its person's lock before wrote. */
export async function refreshRegistration(em: EntityManager, registration: Registration): Promise<void> {
  await em.refresh(registration);
}

export function createRegistration(em: EntityManager, data: RequiredEntityData<Registration>): Registration {
  return em.create(Registration, data);
}

/** Writes the persons and registrations created or changed in this unit of work. */
export function saveRegistrations(em: EntityManager): Promise<void> {
  return em.flush();
}

/** One page of one institution's personnel: persons with a registration there, in code order. */
export interface PersonnelPageKey {
  institutionCode: string;
  /** Only registrations with this status there; by default every one not cancelled. */
  status: RegistrationStatus | null;
  /** Rows to read: the page size plus one, which tells whether a next page exists. */
  limit: number;
  /** Codes after this one (a keyset cursor); '' for the first page. */
  after: string;
  /** Codes before `after` in reverse order, from the last when `after` is ''. */
  backward?: boolean;
}

/** One `totalCount`: an institution's personnel with a registration status there (null: every one not cancelled). */
export interface PersonnelCountKey {
  institutionCode: string;
  status: RegistrationStatus | null;
}

/** `status` null means every registration that is not cancelled. */
const REGISTRATION_STATUS = `(case when $2::text is null then r.status <> 'CANCELLED' else r.status = $2 end)`;

/**
 * The rows of `Institution.personnel` pages for many institutions, in key order (the persons' columns,
 * as `toEntities` makes them persons): one statement per page shape (status, size, cursor, direction
 * — the same for all institutions of one list), a lateral keyset page per institution over its
 * registrations in person-code order: it reads `limit` of them, not all. No person-scope condition:
 * the resolver admits only callers who may read the institution, and they may read everyone
 * registered there.
 */
export async function personnelPageRows(em: EntityManager, keys: readonly PersonnelPageKey[]): Promise<Record<string, unknown>[][]> {
  const pages = new Map<string, Record<string, unknown>[]>();
  for (const group of groupBy(keys, (key) => JSON.stringify([key.status, key.limit, key.after, key.backward ?? false]))) {
    const { status, limit, after, backward = false } = group[0];
    // One statement per direction, so each walks registration_institution_person_status_index in its order.
    const [direction, keyset] = backward ? ['desc', `($3 = '' or r.person_code < $3)`] : ['asc', 'r.person_code > $3'];
    const rows = await queryRows<Record<string, unknown> & { institution_code: string }>(em, {
      name: `pq_personnel_pages_${direction}`,
      text: `select s.institution_code, p.*
               from unnest($1::text[]) as s(institution_code)
               cross join lateral (
                 select distinct r.person_code from registry.registration r
                  where r.institution_code = s.institution_code and ${REGISTRATION_STATUS} and ${keyset}
                  order by r.person_code ${direction} limit $4) r
               join registry.person p on p.code = r.person_code
              order by s.institution_code, p.code ${direction}`,
      values: [group.map((key) => key.institutionCode), status, after, limit],
    });
    const byInstitution = new Map<string, Record<string, unknown>[]>();
    for (const row of rows) {
      const page = byInstitution.get(row.institution_code);
      if (page) page.push(row);
      else byInstitution.set(row.institution_code, [row]);
    }
    for (const key of group) pages.set(personnelPageKey(key), byInstitution.get(key.institutionCode) ?? []);
  }
  return keys.map((key) => pages.get(personnelPageKey(key))!);
}

/** A page's rows as persons of its own: a page read for several requests gives each its own instances. */
export const personnelOf = (em: EntityManager, rows: Record<string, unknown>[]): Person[] => toEntities(em, Person, rows);

/** `totalCount` of `Institution.personnel` for many institutions, in key order: one statement per status asked. */
export async function personnelCounts(em: EntityManager, keys: readonly PersonnelCountKey[]): Promise<number[]> {
  const counts = new Map<string, number>();
  for (const group of groupBy(keys, (key) => String(key.status))) {
    const rows = await queryRows<{ institution_code: string; persons: number }>(em, {
      name: 'pq_personnel_counts',
      text: `select r.institution_code, count(distinct r.person_code)::int as persons
               from registry.registration r
              where r.institution_code = any($1) and ${REGISTRATION_STATUS}
              group by r.institution_code`,
      values: [group.map((key) => key.institutionCode), group[0].status],
    });
    for (const row of rows) counts.set(personnelCountKey({ institutionCode: row.institution_code, status: group[0].status }), row.persons);
  }
  return keys.map((key) => counts.get(personnelCountKey(key)) ?? 0);
}

export const personnelPageKey = (key: PersonnelPageKey) => JSON.stringify([key.institutionCode, key.status, key.limit, key.after, key.backward ?? false]);
export const personnelCountKey = (key: PersonnelCountKey) => JSON.stringify([key.institutionCode, key.status]);

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/** Registrations' statuses today as derived (commands/derive-status.ts is their only writer); returns those that changed, with the status before. */
export function saveDerivedRegistrationStatuses(
  em: EntityManager,
  registrations: { id: string; status: RegistrationStatus }[],
): Promise<{ id: string; institutionCode: string; previous: RegistrationStatus; status: RegistrationStatus }[]> {
  // `before` is read from the statement's snapshot: the row as it was before this update.
  return queryRows(em, {
    text: `update registry.registration r set status = d.status, updated_at = now()
             from unnest($1::uuid[], $2::text[]) as d(id, status) join registry.registration before on before.id = d.id
            where r.id = d.id and r.status <> d.status
        returning r.id, r.institution_code as "institutionCode", before.status as previous, r.status`,
    values: [registrations.map((r) => r.id), registrations.map((r) => r.status)],
  });
}
