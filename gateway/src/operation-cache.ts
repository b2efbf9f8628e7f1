import type { Operation, Schema } from '@apollo/federation-internals';
import { DocumentNode, Kind, OperationDefinitionNode } from 'graphql';

type OperationFromDocument = (schema: Schema, document: DocumentNode, options?: { operationName?: string; validate?: boolean }) => Operation;

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, whose export Apollo Gateway reads on every call */
const operations = require('@apollo/federation-internals/dist/operations') as { operationFromDocument: OperationFromDocument };
const build = operations.operationFromDocument;

/** The operation built for each parsed operation node, per API schema (a new supergraph, a new schema). */
const built = new WeakMap<Schema, WeakMap<OperationDefinitionNode, Operation>>();

/**
 * Apollo Gateway's `executeQueryPlan` builds the operation again from its document on every
 * request (`operationFromDocument`, without validation) to shape the result, although the plan
 * itself is cached: 7 % of the gateway's CPU on the dashboard. Apollo Server hands the executor
 * the same parsed document for the same text or hash (its document store), so the operation
 * built from one operation node is kept with that node; the library offers no option for it.
 * Only that call is kept — `validate: false`, the operation first and the fragments of its own
 * document after it, as executeQueryPlan passes them; planning and every other call build afresh.
 * An Operation is not changed by shaping a result (the query planner caches them as well).
 */
export function keepOperationsPerDocument(): void {
  if (operations.operationFromDocument !== build) return;
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
}
