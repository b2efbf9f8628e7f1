import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  DocumentNode,
  getNamedType,
  getNullableType,
  GraphQLArgument,
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLLeafType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  Kind,
  OperationDefinitionNode,
  ParseOptions,
  SchemaMetaFieldDef,
  typeFromAST,
  TypeMetaFieldDef,
  TypeNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import { ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { firstInputLeaf, InputLeaf } from './input-values';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size';

/**
 * The longest string each input field or argument takes, by its name, wherever it appears
 * (docs/api.md, Limits). A longer one is refused with BAD_USER_INPUT naming the field and the
 * limit before anything runs.
 */
export const INPUT_LENGTH_LIMITS: Readonly<Record<string, number>> = {
  // Free text an agency reads: grounds, materials, reasons, notes.
  statement: 10_000,
  materials: 10_000,
  reason: 2_000,
  note: 2_000,
  // Names of persons and institutions, their prefixes in filters.
  name: 100,
  namePrefix: 100,
  owner: 100,
  principal: 100,
  legalRepresentative: 100,
  // Document numbers and references to other systems' records.
  basisDocument: 100,
  decisionDocument: 100,
  documentNumber: 100,
  inspectionId: 100,
  violationRef: 100,
  idNumber: 32,
  phone: 32,
  // An opaque cursor of a page (a keyset key, base64url).
  after: 512,
  before: 512,
  idempotencyKey: 128,
};

/** Any other String input, and any ID (codes and UUIDs). */
const DEFAULT_LENGTH_LIMITS: Readonly<Record<string, number>> = { String: 200, ID: 64 };

/** What one operation may ask of a server (docs/api.md, Limits). */
export interface OperationLimits {
  /** Nested fields, fragments flattened. */
  maxDepth: number;
  maxAliases: number;
  /** Estimated fields resolved (`operationCost`). */
  maxCost: number;
  /** Lexical tokens of the document: parsing stops there. */
  maxTokens: number;
  /** Representations in one `_entities` call. */
  maxEntities: number;
}

/** The gateway's limits for a client's operation (MAX_QUERY_DEPTH, MAX_QUERY_COST override two). */
export const GATEWAY_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 20, maxCost: 50_000, maxTokens: 5_000, maxEntities: 0 };

/**
 * A subgraph trusts no caller's operation, the gateway's included: its limits are above what
 * the gateway's plan of an accepted operation asks (one more level for `_entities`, the
 * representations of a page of 500 with their lists) and far below what exhausts it.
 */
export const SUBGRAPH_LIMITS: OperationLimits = { maxDepth: 16, maxAliases: 50, maxCost: 200_000, maxTokens: 10_000, maxEntities: 10_000 };

/** A list field without a page size counts as this many items. */
const LIST_ESTIMATE = 10;

/** A refusal by a limit: a client's mistake, HTTP 400. */
class LimitRefusal extends GraphQLError {}
function refusal(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new LimitRefusal(message, { extensions: { ...extensions, http: { status: 400 } } });
}

/** A string longer than the limit of the field it is given for: the limit and its length. */
function lengthProblem(leaf: InputLeaf, value: unknown): { limit: number; length: number } | undefined {
  const limit = INPUT_LENGTH_LIMITS[leaf.name] ?? DEFAULT_LENGTH_LIMITS[leaf.type.name];
  return typeof value === 'string' && limit !== undefined && value.length > limit ? { limit, length: value.length } : undefined;
}

/** Refuses a string input too long for its field. */
function checkInput(value: unknown, type: GraphQLInputType, name: string, path: string, operationField: string): void {
  const tooLong = firstInputLeaf(type, value, name, path, (leaf) => {
    const problem = lengthProblem(leaf, leaf.value);
    return problem && { path: leaf.path(), ...problem };
  });
  if (tooLong) {
    throw refusal(`${operationField}: ${tooLong.path} has ${tooLong.length} characters; at most ${tooLong.limit}`, {
      code: 'BAD_USER_INPUT',
      field: tooLong.path,
      limit: tooLong.limit,
      length: tooLong.length,
    });
  }
}

function checkArguments(fieldName: string, definitions: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const argument of definitions) checkInput(args[argument.name], argument.type, argument.name, argument.name, fieldName);
}

/**
 * The cost of one field: itself and its selection, times the items it returns: a page's size
 * (`first` or `last`, from the variables as from the document; one beyond the maximum counts as
 * the maximum, and the list refuses it), the
 * representations of `_entities`, an estimate for other lists (a connection's edges are its page).
 * Introspection costs 1.
 */
function fieldCost(maxEntities: number) {
  return ({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number => {
    if (field === SchemaMetaFieldDef || field === TypeMetaFieldDef) return 1;
    checkArguments(field.name, field.args, args);
    if (field.name === '_entities' && Array.isArray(args.representations)) {
      const count = args.representations.length;
      if (count > maxEntities) refuseEntities(count, maxEntities);
      return 1 + childComplexity * count;
    }
    if (field.args.some((argument) => argument.name === 'first')) return 1 + childComplexity * pageCount(args);
    // A connection's page size counted already: its edges are that page.
    if (field.name === 'edges' && type.name.endsWith('Connection')) return 1 + childComplexity;
    return 1 + childComplexity * (isListType(getNullableType(field.type)) ? LIST_ESTIMATE : 1);
  };
}

/** The items a page returns at most, as its list serves it. */
function pageCount(args: Record<string, unknown>): number {
  const asked = (args.last ?? args.first ?? DEFAULT_PAGE_SIZE) as number;
  return Math.min(Math.max(asked, 0), MAX_PAGE_SIZE);
}

function refuseEntities(count: number, maxEntities: number): never {
  throw refusal(`_entities: ${count} representations; at most ${maxEntities} per call`, { code: 'BATCH_TOO_LARGE', limit: maxEntities, count });
}

/** The gateway passes representations as a variable: counted before the variables are coerced, which takes long for many. */
function checkEntitiesVariable(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, maxEntities: number): void {
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
    const argument = selection.arguments?.find((a) => a.name.value === 'representations');
    const value = argument?.value.kind === Kind.VARIABLE ? variables?.[argument.value.name.value] : undefined;
    if (Array.isArray(value) && value.length > maxEntities) refuseEntities(value.length, maxEntities);
  }
}

/** graphql-query-complexity's guard against fragment bombs: a document that expands beyond this many nodes. */
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

/** Variables walked at most this far for their shape; larger ones (a claims batch's lines) are shaped with their lists emptied. */
const MAX_SHAPE_VALUES = 5_000;
/** Shapes kept per document; a document whose variables take more shapes starts over. */
const MAX_SHAPES_PER_DOCUMENT = 256;

/** Per operation, its variables of `_Any` items (`_entities` representations): no length limit applies to them, so their number is all the limits read. */
const countedVariables = new WeakMap<OperationDefinitionNode, Set<string>>();
function countedVariablesOf(operation: OperationDefinitionNode): Set<string> {
  let counted = countedVariables.get(operation);
  if (!counted) {
    const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));
    counted = new Set((operation.variableDefinitions ?? []).filter((d) => namedType(d.type) === '_Any').map((d) => d.variable.name.value));
    countedVariables.set(operation, counted);
  }
  return counted;
}

/**
 * What the cost and the length limits read of the variables: numbers, booleans, keys and list
 * lengths as they are, a string as its length (a JSON string of digits, so never taken for a
 * number), a list of representations as its count. Undefined when the variables are too large to
 * be worth keeping.
 */
function variablesShape(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string | undefined {
  const counted = countedVariablesOf(operation);
  let left = MAX_SHAPE_VALUES;
  try {
    return JSON.stringify(variables ?? {}, function (this: unknown, key: string, value: unknown) {
      if (--left < 0) throw new RangeError('too many values');
      if (this === variables && counted.has(key) && Array.isArray(value)) return `[${value.length}]`;
      return typeof value === 'string' ? `${value.length}` : value;
    });
  } catch {
    return undefined;
  }
}

/**
 * The shapes of variables with which a document was accepted, per schema and document (Apollo
 * Server keeps parsed documents, so a repeated operation is the same object). Only acceptances
 * are kept: a refusal is computed and worded afresh, and variables that did not coerce are never
 * remembered.
 */
function acceptedShapes() {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Set<string>>>();
  const shapesOf = (schema: GraphQLSchema, document: DocumentNode) => {
    let documents = bySchema.get(schema);
    if (!documents) bySchema.set(schema, (documents = new WeakMap()));
    let shapes = documents.get(document);
    if (!shapes) documents.set(document, (shapes = new Set()));
    return shapes;
  };
  return {
    has: (schema: GraphQLSchema, document: DocumentNode, key: string) => shapesOf(schema, document).has(key),
    add(schema: GraphQLSchema, document: DocumentNode, key: string) {
      const shapes = shapesOf(schema, document);
      if (shapes.size >= MAX_SHAPES_PER_DOCUMENT) shapes.clear();
      shapes.add(key);
    },
  };
}

/** Whether an input field of the type, at any depth, has a default holding a string: coercion adds it where the field is left out. */
const stringDefaults = new WeakMap<GraphQLInputObjectType, boolean>();
function hasStringDefaults(type: GraphQLInputType): boolean {
  return stringDefaultsWithin(type, new Set()).found;
}

const holdsString = (value: unknown): boolean =>
  typeof value === 'string' || (typeof value === 'object' && value !== null && Object.values(value).some(holdsString));

/**
 * `found`, and whether a "no" rests on a type still being read further up (a recursive input
 * type): such a "no" is kept only once that type's own answer is known, since a default found
 * later in it is within this type too.
 */
function stringDefaultsWithin(type: GraphQLInputType, reading: Set<GraphQLInputObjectType>): { found: boolean; provisional: boolean } {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) return { found: false, provisional: false };
  const known = stringDefaults.get(named);
  if (known !== undefined) return { found: known, provisional: false };
  if (reading.has(named)) return { found: false, provisional: true };
  reading.add(named);
  let found = false;
  let provisional = false;
  for (const field of Object.values(named.getFields())) {
    const within = holdsString(field.defaultValue) ? { found: true, provisional: false } : stringDefaultsWithin(field.type, reading);
    if (within.found) {
      found = true;
      break;
    }
    provisional ||= within.provisional;
  }
  reading.delete(named);
  // A "no" that rested on the types being read is final once none of them is left.
  if (found || !provisional || reading.size === 0) stringDefaults.set(named, found);
  return { found, provisional: !found && provisional && reading.size > 0 };
}

/** Every string of a list variable within its field's limit as GraphQL will coerce it (each leaf's own `parseValue`); false also for a leaf that does not coerce. */
function listWithinLengthLimits(type: GraphQLInputType, value: unknown[], name: string): boolean {
  const beyond = firstInputLeaf(type, value, name, `$${name}`, (leaf) => {
    try {
      return lengthProblem(leaf, (leaf.type as GraphQLLeafType).parseValue(leaf.value)) && true;
    } catch {
      return true;
    }
  });
  return beyond === undefined;
}

/**
 * The variables of an operation with large variables (a claims batch) as the cost reads them: each
 * list variable (not `_entities` representations, which count) emptied, once every string in it
 * was found within its limit. No estimator reads such a list's length, so the cost is the cost with
 * it empty; its strings were what the length limits read. Undefined when a list variable holds a
 * string beyond its limit or a leaf that does not coerce, or its type adds string defaults (lengths
 * read on the coerced value): those are checked in full, so a refusal is the one the full check gives.
 */
function withListsEmptied(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> | undefined {
  const counted = countedVariablesOf(operation);
  const emptied = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = variables[name];
    const typeNode = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
    if (!Array.isArray(value) || counted.has(name) || typeNode.kind !== Kind.LIST_TYPE) continue;
    const type = typeFromAST(schema, typeNode) as GraphQLInputType | undefined;
    if (!type || hasStringDefaults(type) || !listWithinLengthLimits(type, value, name)) return undefined;
    emptied[name] = [];
  }
  return emptied;
}

/**
 * Checks an operation against the limits once its variables are known (a validation rule sees
 * the document alone): the `_entities` cap, every string input's length, then the cost. Variables
 * that do not coerce are left to execution, which refuses them with its own message. The walk
 * (`getComplexity`, a few per cent of every request) runs once per document and shape of its
 * variables: another page of the same size, or the next 100 representations, is accepted as the
 * first was. Variables too large for a shape (a claims batch of 20,000 lines) are accepted by the
 * shape of their lists emptied once their strings are found within their limits (one walk of the
 * variables as sent, instead of coercing them and walking the result); any other answer comes from
 * the full check.
 */
function costAndInputLimits<C extends object>(limits: OperationLimits): ApolloServerPlugin<C> {
  const estimator = fieldCost(limits.maxEntities);
  const accepted = acceptedShapes();
  /** The cost of the operation, or undefined when its variables do not coerce (left to execution). */
  const costOf = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null | undefined) => {
    try {
      return getComplexity({ schema, query: document, variables, operationName: operationName ?? undefined, estimators: [estimator] });
    } catch (error) {
      if (error instanceof LimitRefusal) throw error;
      if (error instanceof GraphQLError && error.message === TOO_MANY_NODES) return Infinity;
      return undefined;
    }
  };
  const keyOf = (operationName: string | null | undefined, shape: string | undefined) => (shape === undefined ? undefined : `${operationName ?? ''}\n${shape}`);
  /** Whether variables of this shape were accepted, or are when checked now; a refusal throws. */
  const accepts = (
    schema: GraphQLSchema,
    document: DocumentNode,
    key: string,
    variables: Record<string, unknown>,
    operationName: string | null | undefined,
  ) => {
    if (accepted.has(schema, document, key)) return true;
    const cost = costOf(schema, document, variables, operationName);
    if (cost === undefined || cost > limits.maxCost) return false;
    accepted.add(schema, document, key);
    return true;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, operationName }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          checkEntitiesVariable(operation, variables, limits.maxEntities);
          const key = keyOf(operationName, variablesShape(operation, variables));
          if (key !== undefined) {
            if (accepted.has(schema, document, key)) return;
          } else {
            const emptied = withListsEmptied(schema, operation, variables);
            const emptiedKey = emptied && keyOf(operationName, variablesShape(operation, emptied));
            // A refusal of the emptied lists is no answer: the full check below words it, or finds the variables do not coerce.
            try {
              if (emptiedKey !== undefined && accepts(schema, document, emptiedKey, emptied!, operationName)) return;
            } catch (error) {
              if (!(error instanceof LimitRefusal)) throw error;
            }
          }
          const cost = costOf(schema, document, variables, operationName);
          if (cost === undefined) return;
          if (cost > limits.maxCost) {
            const shown = Number.isFinite(cost) ? cost : null;
            throw refusal(
              `query cost ${shown ?? 'beyond count'} exceeds the limit of ${limits.maxCost}: ask for fewer items (first or last) and page on with after or before`,
              {
                code: 'QUERY_TOO_COSTLY',
                cost: shown,
                limit: limits.maxCost,
              },
            );
          }
          if (key !== undefined) accepted.add(schema, document, key);
        },
      };
    },
  };
}

/** Limits report a validation error (GRAPHQL_VALIDATION_FAILED, HTTP 400) instead of throwing out of validation. */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/**
 * The limits as Apollo Server takes them, the same mechanism at the gateway and at every
 * subgraph: token count at parsing, depth and aliases at validation, the rest per request.
 */
export function operationLimits<C extends object>(
  limits: OperationLimits,
): { parseOptions: ParseOptions; validationRules: ValidationRule[]; plugin: ApolloServerPlugin<C> } {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [
      maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...reportAsValidationError }),
      maxAliasesRule({ n: limits.maxAliases, ...reportAsValidationError }),
    ],
    plugin: costAndInputLimits<C>(limits),
  };
}
