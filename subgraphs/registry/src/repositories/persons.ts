import type { RequiredEntityData } from '@mikro-orm/core';
import { Caller } from '@pq/caller';
import { EntityManager, findRows, queryRows, toEntities } from '@pq/data';
import type { IsoDate } from '@pq/time';
import type { PersonnelCategory, RegistrationStatus } from '../domain/personnel';
import { Person } from '../entities/person';
import { personScope } from './scope';

/** Persons by code, for reading (the person loader). */
export function personsByCodes(em: EntityManager, codes: string[]): Promise<Person[]> {
  return findRows(em, Person, { code: codes });
}

/** Which of these persons the caller may see. */
export async function visiblePersonCodes(em: EntityManager, caller: Caller, codes: string[]): Promise<Set<string>> {
  const scope = personScope(caller, 2);
  const rows = await queryRows<{ code: string }>(em, {
    text: `select p.code from registry.person p where p.code = any($1::text[])${scope ? ` and ${scope.sql}` : ''}`,
    values: [codes, ...(scope?.values ?? [])],
  });
  return new Set(rows.map((row) => row.code));
}

/** One person whatever the caller's scope (the public status, R10). */
export function findPerson(em: EntityManager, code: string): Promise<Person | null> {
  return em.findOne(Person, { code });
}

/** Known persons among these codes, managed: a command changes and stores them. */
export function personsForChange(em: EntityManager, codes: string[]): Promise<Person[]> {
  return em.find(Person, { code: { $in: codes } });
}

export function createPerson(em: EntityManager, data: RequiredEntityData<Person>): Person {
  return em.create(Person, data);
}

export interface PersonFilter {
  /** Registered (not cancelled, or with `registrationStatus`) at this institution. */
  institutionCode?: string | null;
  registrationStatus?: RegistrationStatus | null;
  regionPrefix?: string | null;
  status?: RegistrationStatus | null;
  category?: PersonnelCategory | null;
  namePrefix?: string | null;
  /** Person-level status is one of these. */
  statuses?: RegistrationStatus[] | null;
}

/** The conditions on alias `p` for the caller's scope and a filter, with their parameters from $1. */
function personConditions(caller: Caller, filter: PersonFilter): { where: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const scope = personScope(caller, values.length + 1);
  if (scope) {
    conditions.push(scope.sql);
    values.push(...scope.values);
  }
  if (filter.regionPrefix) conditions.push(`p.region_code like ${bind(`${filter.regionPrefix}%`)}`);
  if (filter.status) conditions.push(`p.status = ${bind(filter.status)}`);
  if (filter.statuses) conditions.push(`p.status = any(${bind(filter.statuses)}::text[])`);
  if (filter.category) conditions.push(`p.category = ${bind(filter.category)}`);
  if (filter.namePrefix) conditions.push(`p.name like ${bind(`${filter.namePrefix}%`)}`);
  if (filter.institutionCode) {
    const institution = bind(filter.institutionCode);
    const status = filter.registrationStatus ? `r.status = ${bind(filter.registrationStatus)}` : `r.status <> 'CANCELLED'`;
    // The institution's person codes as an array: PostgreSQL then walks the person key in code
    // order over just those codes. With `exists`, it walked every person from the first code
    // until the page was full (a second for an institution whose region sorts late).
    conditions.push(`p.code = any(array(select r.person_code from registry.registration r where r.institution_code = ${institution} and ${status}))`);
  }
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', values };
}

/**
 * One keyset page of persons in code order: `limit` rows after the code `after` (`backward`: the
 * rows before it, in reverse code order, from the last when none is given). The rows become
 * Person instances without MikroORM's hydration (a fifth of registry's CPU on a page of 100): the
 * page is only read.
 */
export async function personsPage(
  em: EntityManager,
  caller: Caller,
  filter: PersonFilter,
  after: string | undefined,
  limit: number,
  backward = false,
): Promise<Person[]> {
  const { where, values } = personConditions(caller, filter);
  const cursor = after ? `${where ? `${where} and` : 'where'} p.code ${backward ? '<' : '>'} $${values.push(after)}` : where;
  const rows = await queryRows(em, {
    text: `select p.* from registry.person p ${cursor} order by p.code ${backward ? 'desc' : 'asc'} limit $${values.push(limit)}`,
    values,
  });
  return toEntities(em, Person, rows);
}

/** How many persons the caller may see pass the filter. */
export async function countPersons(em: EntityManager, caller: Caller, filter: PersonFilter): Promise<number> {
  const { where, values } = personConditions(caller, filter);
  const [row] = await queryRows<{ count: number }>(em, { text: `select count(*)::int as count from registry.person p ${where}`, values });
  return row.count;
}

/** Persons registry knows, of those given. */
export async function knownPersons(em: EntityManager, personCodes: string[]): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(em, { text: `select code from registry.person where code = any($1::text[])`, values: [personCodes] });
  return rows.map((r) => r.code);
}

/** A person's status and ban as derived (commands/derive-status.ts is their only writer); returns the persons whose status changed, with the status before. */
export async function saveDerivedPersons(
  em: EntityManager,
  persons: { code: string; status: RegistrationStatus; ban: IsoDate | null }[],
): Promise<{ code: string; previous: RegistrationStatus; status: RegistrationStatus }[]> {
  // `before` is read from the statement's snapshot: the row as it was before this update.
  return queryRows(em, {
    text: `update registry.person p set status = d.status, re_registration_blocked_until = d.ban
             from unnest($1::text[], $2::text[], $3::date[]) as d(code, status, ban) join registry.person before on before.code = d.code
            where p.code = d.code
        returning p.code, before.status as previous, p.status, before.status <> p.status as changed`,
    values: [persons.map((p) => p.code), persons.map((p) => p.status), persons.map((p) => p.ban)],
  }).then((rows) => (rows as { code: string; previous: RegistrationStatus; status: RegistrationStatus; changed: boolean }[]).filter((row) => row.changed));
}

/** Another person on file with this ID number, if any (one file per person, 一医一档). */
export async function otherPersonWithIdNumber(em: EntityManager, idNumber: string, exceptCode: string): Promise<string | null> {
  const [row] = await queryRows<{ code: string }>(em, {
    text: `select code from registry.person where id_number = $1 and code <> $2 limit 1`,
    values: [idNumber, exceptCode],
  });
  return row?.code ?? null;
}

export function savePersons(em: EntityManager): Promise<void> {
  return em.flush();
}
