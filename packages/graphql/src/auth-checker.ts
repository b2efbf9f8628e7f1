import type { Caller } from '@pq/caller';
import { DomainError } from '@pq/errors';
import type { AuthChecker } from 'type-graphql';

/**
 * type-graphql's `@Authorized(roles)` check, with each subgraph's own permission table: no token →
 * UNAUTHENTICATED, wrong role → FORBIDDEN. Row scope is checked where the rows are loaded.
 */
export const authChecker: AuthChecker<{ caller: Caller }> = ({ context }, roles) => {
  const { caller } = context;
  if (caller.role === 'PUBLIC') throw new DomainError('UNAUTHENTICATED', 'this operation needs a token (Authorization: Bearer …)');
  if (roles.length > 0 && !roles.includes(caller.role)) throw new DomainError('FORBIDDEN', `role ${caller.role} may not do this`);
  return true;
};

/** The largest batch one mutation may carry (registrations, score items, imported institutions). */
export const MAX_BATCH_ENTRIES = 1000;
