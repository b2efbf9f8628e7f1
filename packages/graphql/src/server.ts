import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@pq/errors';
import { FragmentDefinitionNode, GraphQLError, GraphQLFormattedError, GraphQLSchema, isScalarType, Kind, SelectionNode } from 'graphql';
import { DateScalar } from './scalars';

export * from './input-guard';

interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/** The refusal a GraphQL error carries: thrown by a resolver, a loader or a context function, Apollo Server and graphql-js wrap it. */
function domainErrorOf(error: unknown): DomainError | undefined {
  for (let cause = error; cause; cause = cause instanceof GraphQLError ? cause.originalError : undefined) {
    if (cause instanceof DomainError) return cause;
  }
  return undefined;
}

/** A refusal by a rule as GraphQL answers it: its message, its code in `extensions.code`, its details beside. */
function toGraphQLError(error: DomainError, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, ...error.details, ...extensions } });
}

/** Production answers without naming the schema (no suggestions, no introspection, no `_service`): NODE_ENV=production. */
export const hidesSchema = (env: NodeJS.ProcessEnv = process.env) => env.NODE_ENV === 'production';

/** graphql-js suggests the names a client may have meant: the schema's field, type, argument and enum names. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** A literal refused by a scalar (`Date`) fails GraphQL validation; it is the caller's input that is wrong. */
function isScalarRefusal(error: unknown): boolean {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  return original instanceof GraphQLError && original.extensions.code === 'BAD_USER_INPUT';
}

/**
 * The one place domain errors become `extensions.code` (gateway and subgraphs): a refusal keeps
 * its message, code and details; validation errors stay as they are (without suggestions when the
 * schema is hidden); anything unexpected (a PostgreSQL error, a JavaScript error) is logged and
 * hidden behind a generic message. A subgraph's HTTP answer never reaches the caller.
 */
export function createErrorFormatter(logger: ErrorLogger, options: { hideSchema?: boolean } = {}) {
  const hideSchema = options.hideSchema ?? hidesSchema();
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const refusal = domainErrorOf(error);
    if (refusal) return { ...formatted, message: refusal.message, extensions: { code: refusal.code, ...refusal.details } };
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
      logger.error({ err: unwrapResolverError(error) }, 'unexpected error');
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: formatted.path, locations: formatted.locations };
    }
    const { response: _subgraphAnswer, ...extensions } = formatted.extensions ?? {};
    const message = hideSchema ? formatted.message.replace(SUGGESTION, '') : formatted.message;
    return {
      ...formatted,
      message,
      extensions: code === 'GRAPHQL_VALIDATION_FAILED' && isScalarRefusal(error) ? { ...extensions, code: 'BAD_USER_INPUT' } : extensions,
    };
  };
}

/** What a request without a token may ask: the public status check (R10), and the schema unless it is hidden. */
const publicRootFields = () => new Set(['publicPersonStatus', '__typename', ...(hidesSchema() ? [] : ['__schema', '__type'])]);

/**
 * Refuses tokenless operations beyond the public fields before anything runs, so `_entities`
 * and extension fields are closed too. Used by the gateway and by every subgraph. The refusal
 * is a GraphQL error with HTTP 200, so the gateway passes its code on instead of a transport error.
 */
export function publicOperationGuard<C extends object>(isPublic: (context: C) => boolean): ApolloServerPlugin<C> {
  const PUBLIC_ROOT_FIELDS = publicRootFields();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!operation || !isPublic(contextValue)) return;
          const closed = operation.selectionSet.selections.some((selection) => selection.kind !== Kind.FIELD || !PUBLIC_ROOT_FIELDS.has(selection.name.value));
          if (closed)
            throw toGraphQLError(new DomainError('UNAUTHENTICATED', 'this operation needs a token (Authorization: Bearer …)'), { http: { status: 200 } });
        },
      };
    },
  };
}

/** Refusals of a whole operation: it asked for something that cannot exist (a page after a foreign cursor). */
const WHOLE_OPERATION_REFUSALS = new Set<unknown>(['INVALID_CURSOR']);

/**
 * Answers such a refusal with HTTP 400, as a malformed request, wherever the list sits: under a
 * nullable parent (`node(id:) { … personnel(after:) }`) the answer still has `data`, but a client
 * that checks the status alone must never take it for an empty page.
 */
export function refusedOperationStatus<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          if (errors?.some((error) => WHOLE_OPERATION_REFUSALS.has(error.extensions?.code))) response.http.status = 400;
        },
      };
    },
  };
}

/** The root fields an operation selects, through inline fragments and fragment spreads. */
function rootFieldNames(selections: readonly SelectionNode[], fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  return selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(selection.selectionSet.selections, fragments, seen);
    const name = selection.name.value;
    if (seen.has(name) || !fragments[name]) return [];
    seen.add(name);
    return rootFieldNames(fragments[name].selectionSet.selections, fragments, seen);
  });
}

/**
 * A subgraph's `_service { sdl }` (its full schema, every field and description) answers services
 * only: the gateway plans from the committed supergraph and never asks, so no caller needs it.
 */
export function subgraphSdlGuard<C extends object>(isService: (context: C) => boolean): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (!operation || isService(contextValue)) return;
          const fragments = Object.fromEntries(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          if (rootFieldNames(operation.selectionSet.selections, fragments).includes('_service')) {
            throw toGraphQLError(new DomainError('FORBIDDEN', '_service answers services only'), { http: { status: 403 } });
          }
        },
      };
    },
  };
}

/**
 * The gateway's schema, built from the supergraph, knows `Date` by name only: it gets the
 * subgraphs' parsing, so a bad date is refused at the gateway exactly as at a subgraph.
 */
export function parseScalarsAsSubgraphs(schema: GraphQLSchema): void {
  const date = schema.getType('Date');
  if (isScalarType(date)) Object.assign(date, { parseValue: DateScalar.parseValue, parseLiteral: DateScalar.parseLiteral });
}
