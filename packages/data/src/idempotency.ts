import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '@pq/caller';
import { queryRows } from './rows';
import { DomainError } from '@pq/errors';

function hashOf(input: unknown): string {
  const { idempotencyKey: _ignored, ...rest } = (input ?? {}) as Record<string, unknown>;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/**
 * Runs `perform` at most once per (caller, operation, key), inside the caller's transaction.
 * The key row is inserted first: a concurrent repeat blocks on it until the first commits and
 * then reads its result; a repeat with different input is refused. `perform` returns the
 * references needed to rebuild the payload (ids), which are stored as the first result.
 */
export async function runIdempotent<R>(
  em: EntityManager,
  schema: string,
  caller: Caller,
  operation: string,
  input: { idempotencyKey?: string | null },
  perform: () => Promise<R>,
): Promise<R> {
  const key = input.idempotencyKey;
  if (!key) return perform();
  const requestHash = hashOf(input);
  const inserted = await queryRows(em, {
    text: `insert into "${schema}".idempotency_key (caller, operation, key, request_hash) values ($1, $2, $3, $4) on conflict do nothing returning key`,
    values: [caller.sub, operation, key, requestHash],
  });
  if (inserted.length === 0) {
    const [previous] = await queryRows<{ request_hash: string; result: unknown }>(em, {
      text: `select request_hash, result from "${schema}".idempotency_key where caller = $1 and operation = $2 and key = $3`,
      values: [caller.sub, operation, key],
    });
    if (previous.request_hash !== requestHash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', `idempotency key "${key}" was already used for a different ${operation} request`);
    }
    return previous.result as R;
  }
  const result = await perform();
  await queryRows(em, {
    text: `update "${schema}".idempotency_key set result = $1 where caller = $2 and operation = $3 and key = $4`,
    values: [JSON.stringify(result ?? null), caller.sub, operation, key],
  });
  return result;
}
