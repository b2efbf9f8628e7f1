import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { GatewayContext } from '../gateway';
import type { Resource } from '@medplum/fhirtypes';
import { Caller, PERSONAL_DATA_READERS } from '@pq/caller';
import { DomainError, ERROR_CODES } from '@pq/errors';
import { isUuid } from '@pq/graphql';
import type { Logger, Route } from '@pq/http';
import * as operations from './operations';
import {
  capabilityStatement,
  historyBundle,
  InstitutionData,
  operationOutcome,
  organization,
  PersonData,
  practitioner,
  practitionerRole,
  practitionerRoleVersions,
  RegistrationData,
  searchBundle,
  StatusChangeData,
} from './resources';
import { FhirError, organizationSearch, pageLinks, practitionerRoleSearch, practitionerSearch, SEARCH_PARAMS, SearchType } from './search';

export interface FhirRouteOptions {
  apollo: ApolloServer<GatewayContext>;
  verify(authorization: string | undefined): Promise<Caller>;
  /** The view's public base (`https://…/fhir`) for links and fullUrls: configured, never taken from a request's Host. */
  baseUrl(): string;
  logger: Logger;
}

const CONTENT_TYPE = 'application/fhir+json; charset=utf-8';
/** FHIR's id type. */
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

function send(res: ServerResponse, status: number, resource: Resource): void {
  const body = JSON.stringify(resource);
  res.writeHead(status, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const notFound = (what: string) => new FhirError(404, 'not-found', `${what} is not known`, 'NOT_FOUND');

/** Codes of the caller's own mistakes: the API's error codes and the gateway's cost limit. */
const CLIENT_MISTAKES = new Set<string>([...ERROR_CODES, 'QUERY_TOO_COSTLY']);

/**
 * An error of the GraphQL answer as the view's status: the caller's known mistakes 4xx with their
 * message; anything else is the server's (5xx) and says nothing of itself.
 */
export function refusalOf(error: { message: string; extensions?: Record<string, unknown> }): FhirError {
  const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (code === 'UNAUTHENTICATED') return new FhirError(401, 'login', error.message, code);
  if (code === 'FORBIDDEN') return new FhirError(403, 'forbidden', error.message, code);
  if (code === 'NOT_FOUND') return new FhirError(404, 'not-found', error.message, code);
  if (code === 'SERVICE_UNAVAILABLE') return new FhirError(503, 'transient', error.message, code);
  if (CLIENT_MISTAKES.has(code)) return new FhirError(400, 'invalid', error.message, code);
  return new FhirError(500, 'exception', 'internal error', 'INTERNAL_SERVER_ERROR');
}

/**
 * `/fhir/*`: the read-only FHIR R4 view (docs/partners.md, FHIR R4 view). Each request runs the
 * GraphQL operations of operations.ts through the gateway's Apollo Server under the caller's
 * token and maps the answer (resources.ts); every refusal is an OperationOutcome.
 */
export function fhirRoute(options: FhirRouteOptions): Route {
  const { apollo, logger } = options;

  async function run<T>(context: GatewayContext, query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: context });
    if (response.body.kind !== 'single') throw new Error('the FHIR view expects a single GraphQL result');
    const { data, errors } = response.body.singleResult;
    if (errors?.length) throw refusalOf(errors[0]);
    return data as T;
  }

  async function serve(req: IncomingMessage, path: string, base: string, query: URLSearchParams): Promise<Resource> {
    if (req.method !== 'GET') throw new FhirError(405, 'not-supported', 'the FHIR view is read-only: GET only', 'METHOD_NOT_ALLOWED');
    const segments = path.slice('/fhir/'.length).split('/');
    if (segments.length === 1 && segments[0] === 'metadata') return capabilityStatement(base, SEARCH_PARAMS);

    if (!req.headers.authorization) throw new FhirError(401, 'login', 'a token is required: Authorization: Bearer <JWT>', 'UNAUTHENTICATED');
    let caller: Caller;
    try {
      caller = await options.verify(req.headers.authorization);
    } catch (error) {
      if (error instanceof DomainError) throw new FhirError(401, 'login', error.message, error.code);
      throw error;
    }
    const context: GatewayContext = {
      authorization: req.headers.authorization,
      requestId: (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      role: caller.role,
    };
    const full = PERSONAL_DATA_READERS.includes(caller.role);
    const [type, id, history] = segments;
    const self = `${base}/${segments.join('/')}`;

    if (segments.length === 1 && type === 'Practitioner') {
      const search = practitionerSearch(query);
      const { persons } = await run<{ persons: Page<PersonData> }>(context, operations.SEARCH_PRACTITIONERS, { ...search, full });
      return searchPage(base, 'Practitioner', query, persons, practitioner);
    }
    if (segments.length === 1 && type === 'PractitionerRole') {
      const search = practitionerRoleSearch(query);
      const { registrations } = await run<{ registrations: Page<RegistrationData> }>(context, operations.SEARCH_PRACTITIONER_ROLES, { ...search });
      return searchPage(base, 'PractitionerRole', query, registrations, practitionerRole);
    }
    if (segments.length === 1 && type === 'Organization') {
      const search = organizationSearch(query);
      const { institutions } = await run<{ institutions: Page<InstitutionData> }>(context, operations.SEARCH_ORGANIZATIONS, { ...search });
      return searchPage(base, 'Organization', query, institutions, organization);
    }
    if (segments.length === 2 && type === 'Practitioner' && FHIR_ID.test(id)) {
      const { person } = await run<{ person: PersonData | null }>(context, operations.READ_PRACTITIONER, { code: id, full });
      if (!person) throw notFound(`Practitioner/${id}`);
      return practitioner(person);
    }
    if (segments.length === 2 && type === 'PractitionerRole' && isUuid(id)) {
      const { registration } = await run<{ registration: RegistrationData | null }>(context, operations.READ_PRACTITIONER_ROLE, { id });
      if (!registration) throw notFound(`PractitionerRole/${id}`);
      return practitionerRole(registration);
    }
    if (segments.length === 3 && type === 'PractitionerRole' && isUuid(id) && history === '_history') {
      const { registration } = await run<{ registration: (RegistrationData & { person: { statusHistory: StatusChangeData[] } }) | null }>(
        context,
        operations.PRACTITIONER_ROLE_HISTORY,
        { id },
      );
      if (!registration) throw notFound(`PractitionerRole/${id}`);
      return historyBundle(base, practitionerRoleVersions(registration, registration.person.statusHistory), self);
    }
    if (segments.length === 2 && type === 'Organization' && FHIR_ID.test(id)) {
      const { institution } = await run<{ institution: InstitutionData | null }>(context, operations.READ_ORGANIZATION, { code: id });
      if (!institution) throw notFound(`Organization/${id}`);
      return organization(institution);
    }
    throw notFound(path.slice('/fhir/'.length) || 'this resource');
  }

  return {
    path: '/fhir/*',
    async handle(req, res, path) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const base = options.baseUrl();
      try {
        send(res, 200, await serve(req, path, base, url.searchParams));
      } catch (error) {
        if (error instanceof FhirError) {
          send(res, error.status, operationOutcome(error.status >= 500 ? 'fatal' : 'error', error.issueCode, error.message, error.code));
          return;
        }
        logger.error({ err: error }, 'FHIR request failed');
        send(res, 500, operationOutcome('fatal', 'exception', 'internal error'));
      }
    },
  };
}

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

function searchPage<T>(base: string, type: SearchType, query: URLSearchParams, page: Page<T>, toResource: (node: T) => Resource) {
  const links = pageLinks(base, type, query, page.pageInfo.endCursor, page.pageInfo.hasNextPage);
  return searchBundle(
    base,
    page.edges.map((edge) => toResource(edge.node)),
    page.totalCount,
    links,
  );
}
