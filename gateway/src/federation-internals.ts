/**
 * @apollo/federation-internals as Apollo Gateway uses it on every request, made cheaper without
 * changing what it computes. Imported by gateway.ts before @apollo/gateway, which must find both
 * changes in place when it loads; the library offers no option for either.
 */
import type { Operation, Schema } from '@apollo/federation-internals';
import { DocumentNode, Kind, OperationDefinitionNode } from 'graphql';

type OperationFromDocument = (schema: Schema, document: DocumentNode, options?: { operationName?: string; validate?: boolean }) => Operation;

/* eslint-disable @typescript-eslint/no-require-imports -- the module objects themselves, which Apollo Gateway reads its functions from */
const operations = require('@apollo/federation-internals/dist/operations') as { operationFromDocument: OperationFromDocument };
const build = operations.operationFromDocument;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The operation built for each parsed operation node, per API schema (a new supergraph, a new schema). */
const built = new WeakMap<Schema, WeakMap<OperationDefinitionNode, Operation>>();

/**
 * Apollo Gateway's `executeQueryPlan` builds the operation again from its document on every
 * request (`operationFromDocument`, without validation) to shape the result, although the plan
 * itself is cached: 7 % of the gateway's CPU on the dashboard. Apollo Server hands the executor
 * the same parsed document for the same text or hash (its document store), so the operation
 * built from one operation node is kept with that node. Only that call is kept — `validate:
 * false`, the operation first and the fragments of its own document after it, as executeQueryPlan
 * passes them; planning and every other call build afresh. Shaping a result does not change an
 * Operation (the query planner caches them as well).
 */
operations.operationFromDocument = (schema, document, options) => {
  const [operation] = document.definitions;
  if (options?.validate !== false || options.operationName !== undefined || operation?.kind !== Kind.OPERATION_DEFINITION) {
    return build(schema, document, options);
  }
  let bySchema = built.get(schema);
  if (!bySchema) built.set(schema, (bySchema = new WeakMap()));
  let kept = bySchema.get(operation);
  if (!kept) bySchema.set(operation, (kept = build(schema, document, options)));
  return kept;
};

/**
 * The package's index re-exports its modules through TypeScript's accessor bindings: 307 getters
 * on an object V8 keeps as a dictionary, so each `federation_internals_1.isListType(…)` in Apollo
 * Gateway's result shaping is a hash lookup and a getter call (about 85 ns here, against 12 for a
 * plain property): on a page of 100, 8.5 % of the gateway's busy samples were that getter. The
 * modules loaded from now on (Apollo Gateway, its query planner) get a plain object of the same
 * values. None of the package's exports is assigned again once it has loaded, so none goes stale.
 */
const index = require.resolve('@apollo/federation-internals');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(index);
const loaded = require.cache[index];
if (loaded) loaded.exports = Object.defineProperty({ ...loaded.exports }, '__esModule', { value: true });
