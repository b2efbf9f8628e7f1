import type { SearchParamDefinition } from './resources';

/**
 * FHIR search parameters to the variables of the GraphQL searches (operations.ts), and the links
 * of a searchset page. Pure: a parameter the view does not serve, or a value it cannot read, is
 * the caller's mistake (400), never an empty or unfiltered page.
 */

/** A refusal the view answers with an OperationOutcome: its HTTP status, FHIR issue code and the API's error code. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issueCode: string,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const badParameter = (message: string) => new FhirError(400, 'invalid', message, 'BAD_USER_INPUT');

/** Largest `_count`: the largest page of the GraphQL lists. */
export const MAX_COUNT = 500;
const DEFAULT_COUNT = 50;

const PAGING: Record<string, SearchParamDefinition> = {
  _count: { type: 'number', documentation: `每页条数 — page size, 1 to ${MAX_COUNT} (default ${DEFAULT_COUNT})` },
  _page_token: { type: 'string', documentation: '翻页令牌 — opaque token of the next page, as the `next` link carries it' },
};

export const SEARCH_PARAMS = {
  Practitioner: {
    name: { type: 'string', documentation: '姓名 — the name starts with this' },
    active: {
      type: 'token',
      documentation: '正常 — true: person-level status NORMAL (paid by the fund); false: suspended, terminated or cancelled everywhere',
    },
    ...PAGING,
  },
  PractitionerRole: {
    organization: { type: 'reference', documentation: '定点医药机构 — Organization/<institution code>' },
    practitioner: { type: 'reference', documentation: '人员 — Practitioner/<personnel code>' },
    active: { type: 'token', documentation: '正常 — true: status NORMAL (paid by the fund); false: suspended, terminated or cancelled' },
    _lastUpdated: { type: 'date', documentation: '更新时间 — ge or gt a date (China Standard Time) or an instant' },
    ...PAGING,
  },
  Organization: {
    name: { type: 'string', documentation: '机构名称 — the name starts with this' },
    active: { type: 'token', documentation: '定点 — true: its agreement is in force today; false: suspended, ended, expired or none' },
    type: { type: 'token', documentation: '机构类别 — MEDICAL (定点医疗机构) or PHARMACY (定点零售药店)' },
    region: { type: 'token', documentation: '医保区划 — the region code starts with this, e.g. 37 (a province) or 3708 (a city)' },
    ...PAGING,
  },
} satisfies Record<string, Record<string, SearchParamDefinition>>;

export type SearchType = keyof typeof SEARCH_PARAMS;

/** Parameters FHIR allows on any search that change nothing here. */
const IGNORED = new Set(['_format', '_pretty']);

/** One value per parameter; a repeated or unknown one is refused. */
function singleValues(type: SearchType, query: URLSearchParams): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of query) {
    if (IGNORED.has(name)) continue;
    if (!(name in SEARCH_PARAMS[type]))
      throw badParameter(`${type} cannot be searched by ${name}; the parameters are ${Object.keys(SEARCH_PARAMS[type]).join(', ')}`);
    if (values.has(name)) throw badParameter(`${name} is given more than once`);
    if (value === '') throw badParameter(`${name} has no value`);
    values.set(name, value);
  }
  return values;
}

function count(value: string | undefined): number {
  if (value === undefined) return DEFAULT_COUNT;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_COUNT)
    throw badParameter(`_count must be a whole number from 1 to ${MAX_COUNT}; ask for the next page through the next link`);
  return Number(value);
}

/** `Organization/X` or `X` (FHIR allows the bare id when the parameter names one resource type). */
function referenceId(name: string, value: string, resourceType: string): string {
  const match = new RegExp(`^(?:${resourceType}/)?([A-Za-z0-9.-]{1,64})$`).exec(value);
  if (!match) throw badParameter(`${name} must be ${resourceType}/<id>`);
  return match[1];
}

const STATUSES = { true: ['NORMAL'], false: ['SUSPENDED', 'TERMINATED', 'CANCELLED'] } as const;

/**
 * `_lastUpdated` as the first instant it admits: `ge` or `gt` a date (a day in China Standard
 * Time, as the API's dates) or an instant with its offset. Other prefixes are not served.
 */
export function updatedSince(value: string): string {
  const match = /^(ge|gt)(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(value);
  if (!match) throw badParameter('_lastUpdated must be ge or gt a date (YYYY-MM-DD) or an instant with its offset, e.g. ge2026-11-01');
  const [, prefix, day, time] = match;
  const instant = new Date(time ? `${day}${time}` : `${day}T00:00:00+08:00`);
  // Date parsing rolls 2026-02-30 over into March: the day must come back as written.
  const asWritten = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(instant.getTime()) || Number.isNaN(asWritten.getTime()) || asWritten.toISOString().slice(0, 10) !== day)
    throw badParameter(`_lastUpdated ${value} is not a real date`);
  // `gt` a day starts at the next day; `gt` an instant a millisecond after it (the stored precision is finer, a day's start is exact).
  if (prefix === 'gt') instant.setTime(instant.getTime() + (time ? 1 : 24 * 60 * 60 * 1000));
  return instant.toISOString();
}

export interface PractitionerSearch {
  filter: { namePrefix?: string; statuses?: readonly string[] };
  first: number;
  after?: string;
}

export interface PractitionerRoleSearch {
  filter: { institutionCode?: string; personCode?: string; statuses?: readonly string[]; updatedSince?: string };
  first: number;
  after?: string;
}

export interface OrganizationSearch {
  filter: { namePrefix?: string; designated?: boolean; kind?: string; regionPrefix?: string };
  first: number;
  after?: string;
}

/** `active` as a boolean: FHIR's token values true and false, nothing else. */
function activeOf(values: Map<string, string>): boolean | undefined {
  const active = values.get('active');
  if (active === undefined) return undefined;
  if (active !== 'true' && active !== 'false') throw badParameter('active must be true or false');
  return active === 'true';
}

export function practitionerSearch(query: URLSearchParams): PractitionerSearch {
  const values = singleValues('Practitioner', query);
  const filter: PractitionerSearch['filter'] = {};
  const name = values.get('name');
  if (name) filter.namePrefix = name;
  const active = activeOf(values);
  if (active !== undefined) filter.statuses = STATUSES[`${active}`];
  return { filter, first: count(values.get('_count')), after: values.get('_page_token') };
}

const INSTITUTION_KINDS = new Set(['MEDICAL', 'PHARMACY']);

export function organizationSearch(query: URLSearchParams): OrganizationSearch {
  const values = singleValues('Organization', query);
  const filter: OrganizationSearch['filter'] = {};
  const name = values.get('name');
  if (name) filter.namePrefix = name;
  const active = activeOf(values);
  if (active !== undefined) filter.designated = active;
  const type = values.get('type');
  if (type !== undefined) {
    // A token may name its system: the view's institution-kind code system or none.
    const code = type.replace(/^[^|]*\|/, '');
    if (!INSTITUTION_KINDS.has(code)) throw badParameter('type must be MEDICAL or PHARMACY');
    filter.kind = code;
  }
  const region = values.get('region');
  if (region !== undefined) {
    if (!/^\d{2}(?:\d{2}){0,2}$/.test(region)) throw badParameter('region must be 2, 4 or 6 digits of a region code, e.g. 37 or 3708');
    filter.regionPrefix = region;
  }
  return { filter, first: count(values.get('_count')), after: values.get('_page_token') };
}

export function practitionerRoleSearch(query: URLSearchParams): PractitionerRoleSearch {
  const values = singleValues('PractitionerRole', query);
  const filter: PractitionerRoleSearch['filter'] = {};
  const organization = values.get('organization');
  if (organization) filter.institutionCode = referenceId('organization', organization, 'Organization');
  const practitioner = values.get('practitioner');
  if (practitioner) filter.personCode = referenceId('practitioner', practitioner, 'Practitioner');
  const active = activeOf(values);
  if (active !== undefined) filter.statuses = STATUSES[`${active}`];
  const lastUpdated = values.get('_lastUpdated');
  if (lastUpdated) filter.updatedSince = updatedSince(lastUpdated);
  return { filter, first: count(values.get('_count')), after: values.get('_page_token') };
}

/** The page's own link and, when more follow, the next page's: the same search with the page token of the page's end. */
export function pageLinks(
  base: string,
  type: SearchType,
  query: URLSearchParams,
  endCursor: string | null,
  hasNextPage: boolean,
): { self: string; next?: string } {
  const url = (params: URLSearchParams) => `${base}/${type}${params.size ? `?${params}` : ''}`;
  if (!hasNextPage || !endCursor) return { self: url(query) };
  const next = new URLSearchParams(query);
  next.set('_page_token', endCursor);
  return { self: url(query), next: url(next) };
}
