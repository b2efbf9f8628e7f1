import type { ApolloServerPlugin } from '@apollo/server';
import { DomainError } from '@pq/errors';
import { isIsoDate } from '@pq/time';
import {
  DocumentNode,
  getNamedType,
  GraphQLArgument,
  GraphQLError,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  TypeInfo,
  typeFromAST,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { firstInputLeaf } from './input-values';
import { isUuid } from './scalars';

/** Every `ID` named `id` or `…Id` is a row's UUID, except a claim line's id, which the client chooses. */
const UUID_ID_NAME = /^(id|[a-z][A-Za-z]*Id)$/;
const CLIENT_CHOSEN_IDS = new Set(['lineId']);

/** By name, which the schema fixes: asked for every ID leaf (three per claim line). */
const uuidIdNames = new Map<string, boolean>();
function isUuidId(name: string): boolean {
  let uuid = uuidIdNames.get(name);
  if (uuid === undefined) uuidIdNames.set(name, (uuid = UUID_ID_NAME.test(name) && !CLIENT_CHOSEN_IDS.has(name)));
  return uuid;
}

/** `node(id:)` takes a global id (Relay), which `node` itself checks, not only a row's UUID. */
const isGlobalIdArgument = (field: GraphQLField<unknown, unknown> | null | undefined, argument: GraphQLArgument) =>
  argument.name === 'id' && !!field && getNamedType(field.type).name === 'Node';

/** Why one leaf value is refused, or undefined. `name` is the argument or input field it is given for. */
function scalarProblem(typeName: string, name: string, value: unknown, globalId: boolean): string | undefined {
  if (typeof value === 'string' && value.includes('\u0000')) return 'must not contain a NUL character';
  if (typeName === 'Date' && (typeof value !== 'string' || !isIsoDate(value)))
    return `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value).slice(0, 40)}`;
  if (typeName === 'ID' && !globalId && isUuidId(name) && !isUuid(value)) return 'must be a UUID';
  return undefined;
}

interface Refusal {
  field: string;
  problem: string;
}

/**
 * An `_entities` representation: its strings free of NUL characters, its `id` key a UUID. `path`
 * is written out only for a refusal: a page's fetch carries 100 representations.
 */
function representationProblem(value: unknown, path: () => string): Refusal | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { field: path(), problem: 'must not contain a NUL character' } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const list = Array.isArray(value);
  const at = (key: string) => () => (list ? `${path()}[${key}]` : `${path()}.${key}`);
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (key === 'id' && !list && !isUuid(item)) return { field: `${path()}.id`, problem: 'must be a UUID' };
    // A string is checked here, so the common representation (two strings) makes no path of its own.
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return representationProblem(item, at(key));
    } else if (typeof item === 'object' && item !== null) {
      const inner = representationProblem(item, at(key));
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The first refused leaf in `value`, as the input type describes it. */
function inputProblem(type: GraphQLInputType, value: unknown, name: string, path: string, globalId = false): Refusal | undefined {
  return firstInputLeaf(type, value, name, path, (leaf) => {
    if (leaf.type.name === '_Any') return representationProblem(leaf.value, leaf.path);
    const problem = scalarProblem(leaf.type.name, leaf.name, leaf.value, globalId);
    return problem ? { field: leaf.path(), problem } : undefined;
  });
}

/** What the document says of its inputs: its first refused literal, and the variables given as `node(id:)`. */
interface DocumentInputs {
  /** `field` names the argument's path, e.g. `input.items[0].decidedOn`. */
  refusal: Refusal | undefined;
  globalIdVariables: Set<string>;
}

function documentInputs(schema: GraphQLSchema, document: DocumentNode): DocumentInputs {
  const typeInfo = new TypeInfo(schema);
  const inputs: DocumentInputs = { refusal: undefined, globalIdVariables: new Set() };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return false;
        const globalId = isGlobalIdArgument(typeInfo.getFieldDef(), argument);
        if (globalId && node.value.kind === Kind.VARIABLE) inputs.globalIdVariables.add(node.value.name.value);
        // Variables inside a literal are checked with the variables; here they read as undefined.
        inputs.refusal ??= inputProblem(argument.type, valueFromASTUntyped(node.value, {}), argument.name, argument.name, globalId);
        return false;
      },
    }),
  );
  return inputs;
}

/** Variable values: `field` names the variable's path, e.g. `$input.scoreRecordId`. */
function variableProblem(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  globalIdVariables: Set<string>,
): Refusal | undefined {
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    const problem = type && inputProblem(type, variables[name], name, `$${name}`, globalIdVariables.has(name));
    if (problem) return problem;
  }
  return undefined;
}

const refusalOf = ({ field, problem }: Refusal) =>
  new GraphQLError(`${field} ${problem}`, {
    originalError: new DomainError('BAD_USER_INPUT', `${field} ${problem}`, { field }),
    extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
  });

/**
 * Inputs checked at the edge, the same at the gateway and at every subgraph, before anything is
 * planned or run (docs/api.md, Scalars): a `Date` is a real calendar day, a row's id is a UUID, no
 * string carries a NUL byte (PostgreSQL refuses them in text). The refusal is `BAD_USER_INPUT`
 * with HTTP 400 and names the offending value in `extensions.field`.
 */
export function inputGuard<C extends object>(): ApolloServerPlugin<C> {
  // Apollo Server keeps validated documents: an operation's literals are read once.
  const documents = new WeakMap<OperationDefinitionNode, DocumentInputs>();
  const inputsOf = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) => {
    let inputs = documents.get(operation);
    if (!inputs) {
      inputs = documentInputs(schema, { ...document, definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] });
      documents.set(operation, inputs);
    }
    return inputs;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const inputs = inputsOf(schema, document, operation);
          const problem = variableProblem(schema, operation, request.variables ?? {}, inputs.globalIdVariables) ?? inputs.refusal;
          if (problem) throw refusalOf(problem);
        },
      };
    },
  };
}
