import type { ApolloServerPlugin } from '@apollo/server';
import { DomainError } from '@pq/errors';
import { isIsoDate } from '@pq/time';
import {
  DocumentNode,
  GraphQLError,
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

const isUuidId = (name: string) => UUID_ID_NAME.test(name) && !CLIENT_CHOSEN_IDS.has(name);

/** Why one leaf value is refused, or undefined. `name` is the argument or input field it is given for. */
function scalarProblem(typeName: string, name: string, value: unknown): string | undefined {
  if (typeof value === 'string' && value.includes('\u0000')) return 'must not contain a NUL character';
  if (typeName === 'Date' && (typeof value !== 'string' || !isIsoDate(value)))
    return `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value).slice(0, 40)}`;
  if (typeName === 'ID' && isUuidId(name) && !isUuid(value)) return 'must be a UUID';
  return undefined;
}

interface Refusal {
  field: string;
  problem: string;
}

/** An `_entities` representation: its strings free of NUL characters, its `id` key a UUID. */
function representationProblem(value: unknown, path: string): Refusal | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { field: path, problem: 'must not contain a NUL character' } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'id' && !Array.isArray(value) && !isUuid(item)) return { field: `${path}.id`, problem: 'must be a UUID' };
    const inner = representationProblem(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
    if (inner) return inner;
  }
  return undefined;
}

/** The first refused leaf in `value`, as the input type describes it. */
function inputProblem(type: GraphQLInputType, value: unknown, name: string, path: string): Refusal | undefined {
  return firstInputLeaf(type, value, name, path, (leaf) => {
    if (leaf.type.name === '_Any') return representationProblem(leaf.value, leaf.path);
    const problem = scalarProblem(leaf.type.name, leaf.name, leaf.value);
    return problem ? { field: leaf.path, problem } : undefined;
  });
}

/** Literal arguments in the document: `field` names the argument's path, e.g. `input.items[0].decidedOn`. */
function literalProblem(schema: GraphQLSchema, document: DocumentNode): Refusal | undefined {
  const typeInfo = new TypeInfo(schema);
  let found: Refusal | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (found || !argument) return false;
        // Variables inside a literal are checked with the variables; here they read as undefined.
        found = inputProblem(argument.type, valueFromASTUntyped(node.value, {}), argument.name, argument.name);
        return false;
      },
    }),
  );
  return found;
}

/** Variable values: `field` names the variable's path, e.g. `$input.scoreRecordId`. */
function variableProblem(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): Refusal | undefined {
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    const problem = type && inputProblem(type, variables[name], name, `$${name}`);
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
  // Apollo Server keeps validated documents: an operation's literals are checked once.
  const literals = new WeakMap<OperationDefinitionNode, Refusal | null>();
  const literalsOf = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) => {
    if (!literals.has(operation))
      literals.set(
        operation,
        literalProblem(schema, { ...document, definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] }) ?? null,
      );
    return literals.get(operation) ?? undefined;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const problem = variableProblem(schema, operation, request.variables ?? {}) ?? literalsOf(schema, document, operation);
          if (problem) throw refusalOf(problem);
        },
      };
    },
  };
}
