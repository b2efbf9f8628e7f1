import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@pq/errors';
import { GraphQLError, GraphQLFormattedError, Kind } from 'graphql';

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

/**
 * The one place domain errors become `extensions.code` (gateway and subgraphs): a refusal keeps
 * its message, code and details; validation errors stay as they are; anything unexpected is
 * logged and hidden behind a generic message.
 */
export function createErrorFormatter(logger: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const refusal = domainErrorOf(error);
    if (refusal) return { ...formatted, message: refusal.message, extensions: { code: refusal.code, ...refusal.details } };
    if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    logger.error({ err: unwrapResolverError(error) }, 'unexpected error');
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: formatted.path, locations: formatted.locations };
  };
}

/** What a request without a token may ask: the public status check (R10), and the schema outside production. */
const PUBLIC_ROOT_FIELDS = new Set(['publicPersonStatus', '__typename', ...(process.env.NODE_ENV === 'production' ? [] : ['__schema', '__type'])]);

/**
 * Refuses tokenless operations beyond the public fields before anything runs, so `_entities`
 * and extension fields are closed too. Used by the gateway and by every subgraph. The refusal
 * is a GraphQL error with HTTP 200, so the gateway passes its code on instead of a transport error.
 */
export function publicOperationGuard<C extends object>(isPublic: (context: C) => boolean): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!operation || !isPublic(contextValue)) return;
          const closed = operation.selectionSet.selections.some((selection) => selection.kind !== Kind.FIELD || !PUBLIC_ROOT_FIELDS.has(selection.name.value));
          if (closed) throw toGraphQLError(new DomainError('UNAUTHENTICATED', 'this operation needs a token (Authorization: Bearer …)'), { http: { status: 200 } });
        },
      };
    },
  };
}
