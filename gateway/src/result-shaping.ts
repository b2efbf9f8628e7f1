/**
 * Apollo Gateway's result shaping (`computeResponse`, dist/resultShaping.js of @apollo/gateway
 * 2.14): after a plan's fetches it copies the merged subgraph data into the answer along the
 * operation, drops what the planner added, checks leaf values and nulls non-null violations.
 * This is the same algorithm with the same answers and errors, made cheaper in two ways:
 * - what a selection says (response name, field type, @skip/@include, introspection, __typename)
 *   is read once per selection set and kept with it, where the library asked the operation's
 *   objects again for every object of the answer (the directive lookups alone on each field of
 *   each of 100 persons): the Operation is kept per document (./federation-internals);
 * - the answer's objects are plain objects, which JSON.stringify writes about a third faster
 *   than the library's `Object.create(null)` dictionaries. Response names are read as own
 *   properties (an alias may be `constructor` or `toString`), and an operation with a response
 *   name `__proto__` anywhere (an alias may be one) keeps null prototypes throughout: an object
 *   can be filled by several selection sets, and `obj.__proto__ = …` on a plain one would set
 *   its prototype.
 * On a page of 100 persons with points and open appeals the gateway spent 18 % of its CPU in
 * shaping and 10 % in writing the answer (bench/profiles.md). Imported by gateway.ts after
 * ./federation-internals; executeQueryPlan reads `computeResponse` from the module on each call.
 */
import {
  assert,
  CompositeType,
  ERRORS,
  FieldSelection,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  isValidLeafValue,
  Operation,
  OutputType,
  Schema,
  Selection,
  SelectionSet,
  typenameFieldName,
  Variable,
  Directive,
  DirectiveDefinition,
  EnumType,
  ScalarType,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;
type Path = (string | number)[];

/** An `if:` of @skip or @include: a literal, or the variable that gives it. */
type Condition = { value: boolean } | { variable: Variable; directive: Directive<Selection['element']> };

interface Conditions {
  skip?: Condition;
  include?: Condition;
}

interface FieldEntry extends Conditions {
  field: true;
  responseName: string;
  introspection: boolean;
  typename: boolean;
  type: OutputType;
  selection: FieldSelection;
  selectionSet?: SelectionSet;
}

interface FragmentEntry extends Conditions {
  field: false;
  typeCondition?: CompositeType;
  selectionSet: SelectionSet;
}

interface Compiled {
  entries: (FieldEntry | FragmentEntry)[];
  /** A response name `__proto__` here or in any selection set below: the answer's objects keep a null prototype. */
  protoName: boolean;
}

interface Parameters {
  schema: Schema;
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  /** The operation names a response `__proto__` somewhere: every object of its answer has a null prototype. */
  nullPrototype: boolean;
  introspectionHandling: (introspectionSelection: FieldSelection) => unknown;
}

const OK = 0;
const NULL_BUBBLE_UP = 1;
type ApplyResult = typeof OK | typeof NULL_BUBBLE_UP;

const compiled = new WeakMap<SelectionSet, Compiled>();

function conditionOf(element: Selection['element'], definition: DirectiveDefinition): Condition | undefined {
  const directive: Directive<Selection['element']> | undefined = element.appliedDirectivesOf(definition)[0];
  if (!directive) return undefined;
  const argument: unknown = directive.arguments().if;
  return argument instanceof Variable ? { variable: argument, directive } : { value: argument as boolean };
}

function compile(selectionSet: SelectionSet, schema: Schema): Compiled {
  const known = compiled.get(selectionSet);
  if (known) return known;
  const entries = selectionSet.selections().map((selection): FieldEntry | FragmentEntry => {
    const element = selection.element;
    const conditions = { skip: conditionOf(element, schema.skipDirective()), include: conditionOf(element, schema.includeDirective()) };
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      return {
        field: true,
        ...conditions,
        responseName: field.responseName(),
        introspection: field.definition.isSchemaIntrospectionField(),
        typename: field.name === typenameFieldName,
        type: field.definition.type!,
        selection,
        selectionSet: selection.selectionSet,
      };
    }
    return { field: false, ...conditions, typeCondition: selection.element.typeCondition, selectionSet: selection.selectionSet };
  });
  const protoName = entries.some(
    (entry) => (entry.field && entry.responseName === '__proto__') || (entry.selectionSet !== undefined && compile(entry.selectionSet, schema).protoName),
  );
  const result = { entries, protoName };
  compiled.set(selectionSet, result);
  return result;
}

// An object may be filled by several selection sets (a field selected twice, fragments), so the choice is the operation's.
const objectFor = (parameters: Pick<Parameters, 'nullPrototype'>): Output => (parameters.nullPrototype ? Object.create(null) : {});

function ifValue(condition: Condition, variables: Record<string, unknown>): boolean {
  if ('value' in condition) return condition.value;
  const value = variables[condition.variable.name];
  assert(value !== undefined && typeof value === 'boolean', () => `Unexpected value ${value} for variable ${condition.variable} of ${condition.directive}`);
  return value;
}

const skipped = ({ skip, include }: Conditions, variables: Record<string, unknown>) =>
  (skip && ifValue(skip, variables)) || (include && !ifValue(include, variables));

// Own properties only: a response name may be `constructor` or `toString`, which a plain object inherits.
const getOwn = (object: Input | Output, property: string) => (Object.prototype.hasOwnProperty.call(object, property) ? object[property] : undefined);

export function computeResponse({
  operation,
  variables,
  input,
  introspectionHandling,
}: {
  operation: Operation;
  variables?: Record<string, unknown>;
  input: Input | null | undefined;
  introspectionHandling: (introspectionSelection: FieldSelection) => unknown;
}): { data: Output | null | undefined; errors: GraphQLError[] } {
  if (!input) return { data: input, errors: [] };
  const schema = operation.schema();
  const parameters: Parameters = {
    schema,
    variables: { __proto__: null, ...operation.collectDefaultedVariableValues(), ...variables },
    errors: [],
    introspectionHandling,
    nullPrototype: compile(operation.selectionSet, schema).protoName,
  };
  const data = objectFor(parameters);
  const result = applySelectionSet(input, operation.selectionSet, data, parameters, [], schema.schemaDefinition.rootType(operation.rootKind)!);
  return { data: result === NULL_BUBBLE_UP ? null : data, errors: parameters.errors };
}

function typeConditionApplies(schema: Schema, typeCondition: CompositeType | undefined, typename: string | undefined, parentType: CompositeType): boolean {
  if (!typeCondition) return true;
  if (typename) {
    const type = schema.type(typename);
    return !!type && isSubtype(typeCondition, type);
  }
  return isSubtype(typeCondition, parentType);
}

function applySelectionSet(
  input: Input,
  selectionSet: SelectionSet,
  output: Output,
  parameters: Parameters,
  path: Path,
  parentType: CompositeType,
): ApplyResult {
  for (const entry of compile(selectionSet, parameters.schema).entries) {
    if (skipped(entry, parameters.variables)) continue;
    if (entry.field) {
      const { responseName } = entry;
      const outputValue = getOwn(output, responseName);
      if (entry.introspection) {
        if (outputValue === undefined) output[responseName] = parameters.introspectionHandling(entry.selection);
        continue;
      }
      let inputValue = getOwn(input, responseName) ?? null;
      if (entry.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
          const type = inputValue !== null && typeof inputValue === 'string' ? (parameters.schema.type(inputValue) ?? parentType) : parentType;
          if (!isObjectType(type)) return NULL_BUBBLE_UP;
          output[responseName] = type.name;
        }
        continue;
      }
      path.push(responseName);
      const { updated, isInvalid } = updateOutputValue(outputValue, entry.type, inputValue, entry.selectionSet, path, parameters, parentType);
      output[responseName] = updated;
      path.pop();
      if (isInvalid) return NULL_BUBBLE_UP;
    } else {
      const typename = input[typenameFieldName];
      assert(!typename || typeof typename === 'string', () => `Got unexpected value for __typename: ${typename}`);
      if (typeConditionApplies(parameters.schema, entry.typeCondition, typename as string | undefined, parentType)) {
        const result = applySelectionSet(input, entry.selectionSet, output, parameters, path, entry.typeCondition ?? parentType);
        if (result === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
      }
    }
  }
  return OK;
}

function pathLastElementDescription(path: Path, currentType: OutputType, parentType: CompositeType): string {
  const element = path[path.length - 1];
  assert(element !== undefined, 'Should not have been called on an empty path');
  return typeof element === 'string' ? `field ${parentType}.${element}` : `array element of type ${currentType} at index ${element}`;
}

interface Updated {
  updated: unknown;
  isInvalid?: boolean;
  hasErrors?: boolean;
}

function updateOutputValue(
  outputValue: unknown,
  type: OutputType,
  inputValue: unknown,
  selectionSet: SelectionSet | undefined,
  path: Path,
  parameters: Parameters,
  parentType: CompositeType,
): Updated {
  assert(inputValue !== undefined, 'Should not pass undefined for `inputValue` to this method');
  if (outputValue === null || (outputValue !== undefined && !selectionSet)) return { updated: outputValue };
  if (isNonNullType(type)) {
    const { updated, hasErrors } = updateOutputValue(outputValue, type.ofType, inputValue, selectionSet, path, parameters, parentType);
    if (updated === null) {
      if (!hasErrors) {
        parameters.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${pathLastElementDescription(path, type.ofType, parentType)}.`, {
            path: Array.from(path),
          }),
        );
      }
      return { updated, isInvalid: true, hasErrors: true };
    }
    return { updated };
  }
  if (inputValue === null) return { updated: null };
  if (isListType(type)) {
    assert(Array.isArray(inputValue), () => `Invalid non-list value ${inputValue} returned by subgraph for list type ${type}`);
    assert(outputValue === undefined || Array.isArray(outputValue), () => `Invalid non-list value ${outputValue} returned by subgraph for list type ${type}`);
    const outputValueList: unknown[] = outputValue === undefined ? new Array(inputValue.length).fill(undefined) : outputValue;
    assert(
      inputValue.length === outputValueList.length,
      () => `[${inputValue}].length (${inputValue.length}) !== [${outputValueList}].length (${outputValueList.length})`,
    );
    let shouldNullify = false;
    let hasErrors = false;
    const updated = outputValueList.map((outputElementValue, index) => {
      path.push(index);
      const element = updateOutputValue(outputElementValue, type.ofType, inputValue[index], selectionSet, path, parameters, parentType);
      path.pop();
      shouldNullify ||= !!element.isInvalid;
      hasErrors ||= !!element.hasErrors;
      return element.updated;
    });
    return { updated: shouldNullify ? null : updated, hasErrors };
  }
  if (isCompositeType(type)) {
    assert(selectionSet, () => `Invalid empty selection set for composite type ${type}`);
    assert(typeof inputValue === 'object', () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
    assert(
      outputValue === undefined || typeof outputValue === 'object',
      () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`,
    );
    const inputTypename = (inputValue as Input)[typenameFieldName];
    assert(inputTypename === undefined || typeof inputTypename === 'string', () => `Invalid non-string value ${inputTypename} for __typename at ${path}`);
    let objectType: CompositeType = type;
    if (inputTypename) {
      const typenameType = parameters.schema.type(inputTypename);
      if (!typenameType || !isCompositeType(typenameType)) {
        parameters.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${pathLastElementDescription(path, type, parentType)}.`, {
            path: Array.from(path),
          }),
        );
        return { updated: null, hasErrors: true };
      }
      objectType = typenameType;
    }
    const outputObject = outputValue === undefined ? objectFor(parameters) : (outputValue as Output);
    const result = applySelectionSet(inputValue as Input, selectionSet, outputObject, parameters, path, objectType);
    const hasErrors = result === NULL_BUBBLE_UP;
    return { updated: hasErrors ? null : outputObject, hasErrors };
  }
  assert(outputValue === undefined, () => `Excepted output to be undefined but got ${type} for type ${type}`);
  const isValidValue = isValidLeafValue(parameters.schema, inputValue, type as ScalarType | EnumType);
  if (!isValidValue) {
    parameters.errors.push(
      ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${pathLastElementDescription(path, type, parentType)}.`, { path: Array.from(path) }),
    );
  }
  return { updated: isValidValue ? inputValue : null, hasErrors: !isValidValue };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, which executeQueryPlan reads computeResponse from
const shaping = require('@apollo/gateway/dist/resultShaping') as { computeResponse: typeof computeResponse };
shaping.computeResponse = computeResponse;
