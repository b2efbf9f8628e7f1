import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  CompositeType,
  FieldSelection,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  Operation,
  operationFromDocument,
  OutputType,
  possibleRuntimeTypes,
  SelectionSet,
  Supergraph,
} from '@apollo/federation-internals';
import { parse } from 'graphql';
import './federation-internals';
import type { computeResponse as Ours } from './result-shaping';

type Shaping = typeof Ours;
/* eslint-disable @typescript-eslint/no-require-imports -- the library's own shaping is taken before result-shaping.ts replaces it in its module */
const library = (require('@apollo/gateway/dist/resultShaping') as { computeResponse: Shaping }).computeResponse;
const { computeResponse } = require('./result-shaping') as { computeResponse: Shaping };
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, '../..');
const schema = Supergraph.build(readFileSync(path.join(ROOT, 'schema/supergraph.graphql'), 'utf8')).apiSchema();

/** Every committed operation, and one that uses what they do not: aliases, conditions, fragments on an interface, __typename, __proto__. */
const OPERATIONS: string[] = [
  ...readdirSync(path.join(ROOT, 'operations'))
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => readFileSync(path.join(ROOT, 'operations', file), 'utf8')),
  `query Mixed($id: ID!, $a: Boolean!, $b: Boolean = true) {
     node(id: $id) {
       kind: __typename
       ... on Person { code who: name name @skip(if: $a) status @include(if: $b) points __proto__: code }
       ... on Institution @include(if: $a) { code personnel(first: 2) { edges { node { code __typename } } } }
       ...Id
     }
     again: node(id: $id) @skip(if: false) { id ... on Person { registrations { status institution { code } } } }
     __typename
   }
   fragment Id on Node { id }`,
  // Response names a plain object inherits, and __proto__ chosen by a second selection of an object an earlier one made.
  `query Inherited($code: ID!, $yes: Boolean = true) {
     person(code: $code) {
       constructor: name
       toString: code
       hasOwnProperty: registrations { status }
       registrations { status }
       ... @include(if: $yes) { registrations { __proto__: institution { name: code } } }
     }
     valueOf: __typename
   }`,
];

const operations = OPERATIONS.flatMap((text) => {
  const document = parse(text);
  return document.definitions.filter((d) => d.kind === 'OperationDefinition').map(() => operationFromDocument(schema, document, { validate: false }));
});

/** A deterministic random source for one generated case (fast-check gives the seed and shrinks it). */
function randomOf(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    int: (n: number) => Math.floor(next() * n),
  };
}
type Random = ReturnType<typeof randomOf>;

/**
 * Merged subgraph data as a plan could leave it for `selectionSet`: mostly well-formed, with nulls
 * where none may be, missing fields, unknown enum values, wrong or unknown __typename, extra fields.
 */
function objectFor(selectionSet: SelectionSet, type: CompositeType, random: Random, depth: number): Record<string, unknown> {
  const runtimeTypes = possibleRuntimeTypes(type);
  const runtime = random.chance(0.05) ? 'NoSuchType' : random.chance(0.03) ? 'Query' : (random.pick(runtimeTypes)?.name ?? type.name);
  const object: Record<string, unknown> = random.chance(isAbstractType(type) ? 0.9 : 0.5) ? { __typename: runtime } : {};
  if (random.chance(0.1)) object.planned = 'a key field the planner added';
  fill(selectionSet, object, runtime, random, depth);
  return object;
}

function fill(selectionSet: SelectionSet, object: Record<string, unknown>, runtime: string, random: Random, depth: number): void {
  for (const selection of selectionSet.selections()) {
    if (selection.kind === 'FieldSelection') {
      const field = (selection as FieldSelection).element;
      if (field.definition.isSchemaIntrospectionField() || random.chance(0.05)) continue;
      const value =
        field.name === '__typename'
          ? random.chance(0.8)
            ? runtime
            : random.pick(['Person', 'Bogus', 7])
          : valueFor(field.definition.type!, selection.selectionSet, random, depth);
      // As JSON.parse makes it, an own property even when named __proto__.
      Object.defineProperty(object, field.responseName(), { value, enumerable: true, writable: true, configurable: true });
    } else {
      const condition = selection.element.typeCondition;
      if (!condition || condition.name === runtime || random.chance(0.3)) fill(selection.selectionSet, object, runtime, random, depth);
    }
  }
}

function valueFor(type: OutputType, selectionSet: SelectionSet | undefined, random: Random, depth: number): unknown {
  if (random.chance(isNonNullType(type) ? 0.04 : 0.12)) return null;
  if (isNonNullType(type)) return valueFor(type.ofType, selectionSet, random, depth);
  if (isListType(type)) return Array.from({ length: depth > 3 ? 0 : random.int(4) }, () => valueFor(type.ofType, selectionSet, random, depth + 1));
  if (isCompositeType(type)) return objectFor(selectionSet!, type, random, depth + 1);
  if (isEnumType(type)) return random.chance(0.9) ? random.pick(type.values).name : 'NOT_A_VALUE';
  switch (type.name) {
    case 'Int':
      return random.chance(0.95) ? random.int(1000) - 500 : 'twelve';
    case 'Float':
      return random.chance(0.95) ? random.int(10000) / 100 : true;
    case 'Boolean':
      return random.chance(0.95) ? random.chance(0.5) : 'yes';
    default:
      return random.chance(0.95) ? `v${random.int(100)}` : random.int(5);
  }
}

/** Both shapings' outcome as a client would see it: the answer's JSON and its errors, or what was thrown. */
function outcome(shaping: Shaping, operation: Operation, variables: Record<string, unknown>, input: Record<string, unknown>) {
  try {
    const { data, errors } = shaping({
      operation,
      variables,
      input,
      introspectionHandling: (selection) => ({ introspected: selection.element.responseName() }),
    });
    return { data: JSON.stringify(data), errors: errors.map((error) => ({ message: error.message, path: error.path, code: error.extensions.code })) };
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

test('answers exactly as the library’s result shaping on generated data for every committed operation and one with aliases, conditions and fragments', () => {
  let invalid = 0;
  let nulled = 0;
  fc.assert(
    fc.property(fc.nat(operations.length - 1), fc.integer(), (index, seed) => {
      const operation = operations[index];
      const random = randomOf(seed);
      const variables = Object.fromEntries(operation.variableDefinitions.definitions().map((definition) => [definition.variable.name, random.chance(0.5)]));
      const input = objectFor(operation.selectionSet, schema.schemaDefinition.rootType(operation.rootKind)!, random, 0);
      const ours = outcome(computeResponse, operation, variables, input);
      expect(ours).toEqual(outcome(library, operation, variables, input));
      if ('errors' in ours && ours.errors.length) invalid++;
      if (ours.data === 'null') nulled++;
    }),
    { numRuns: 3000 },
  );
  // The cases reach the error paths, not only the well-formed answers.
  expect(invalid).toBeGreaterThan(300);
  expect(nulled).toBeGreaterThan(30);
  // And no answer reached Object.prototype.
  expect(Object.keys(Object.prototype)).toEqual([]);
});

test('response names a plain object inherits are the answer’s own, and a __proto__ in a later selection reaches no prototype', () => {
  const operation = operations.find((candidate) => candidate.name === 'Inherited')!;
  const input = JSON.parse(
    '{ "person": { "constructor": "N", "toString": "C", "hasOwnProperty": [], "registrations": [{ "status": "NORMAL", "__proto__": { "name": "POLLUTED" } }] }, "valueOf": "Query" }',
  );
  const { data, errors } = computeResponse({ operation, variables: { code: 'x' }, input, introspectionHandling: () => null });
  expect(errors).toEqual([]);
  expect(JSON.parse(JSON.stringify(data))).toEqual(input);
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).name).toBeUndefined();
});

test('the answer is plain objects, but for an operation with a response name __proto__ anywhere', () => {
  const plain = operations.find((candidate) => candidate.name === 'PublicPersonStatus')!;
  const answer = computeResponse({
    operation: plain,
    variables: {},
    input: { publicPersonStatus: { code: 'D1', name: 'n', category: 'DOCTOR', status: 'NORMAL' } },
    introspectionHandling: () => null,
  });
  expect(Object.getPrototypeOf((answer.data as Record<string, object>).publicPersonStatus)).toBe(Object.prototype);
  expect(Object.getPrototypeOf(answer.data)).toBe(Object.prototype);
  const operation = operations.find((candidate) => candidate.name === 'Mixed')!;
  const input = JSON.parse(
    '{ "node": { "__typename": "Person", "kind": "Person", "code": "D1", "who": "n", "name": "n", "points": 1, "status": "NORMAL", "id": "P1", "__proto__": "D1" }, "__typename": "Query" }',
  );
  const { data, errors } = computeResponse({ operation, variables: { id: 'x', a: false }, input, introspectionHandling: () => null });
  expect(errors).toEqual([]);
  expect(Object.getPrototypeOf(data)).toBe(null);
  const node = (data as Record<string, Record<string, unknown>>).node;
  expect(Object.getPrototypeOf(node)).toBe(null);
  expect(Object.keys(node)).toContain('__proto__');
  expect(JSON.parse(JSON.stringify(data)).node.__proto__).toBe('D1');
});
