import type { Caller } from '@pq/caller';
import { DomainError } from '@pq/errors';
import type { AuthChecker } from 'type-graphql';

/**
 * type-graphql's `@Authorized(roles)` check, with each subgraph's own permission table: no token →
 * UNAUTHENTICATED, wrong role → FORBIDDEN. Row scope is checked where the rows are loaded.
 */
export const authChecker: AuthChecker<{ caller: Caller }> = ({ context }, roles) => {
  assertRole(context.caller, roles);
  return true;
};

/** The same check for what is served beside GraphQL (a subgraph's streamed endpoints). */
export function assertRole(caller: Caller, roles: readonly string[]): void {
  if (caller.role === 'PUBLIC') throw new DomainError('UNAUTHENTICATED', 'this operation needs a token (Authorization: Bearer …)');
  if (roles.length > 0 && !roles.includes(caller.role)) throw new DomainError('FORBIDDEN', `role ${caller.role} may not do this`);
}

/** The largest batch one mutation may carry (registrations, score items, imported institutions). */
export const MAX_BATCH_ENTRIES = 1000;
