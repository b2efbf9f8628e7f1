import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLScalarType, GraphQLSchema, isObjectType, parse } from 'graphql';
import { buildSchema, BuildSchemaOptions, createResolversMap, getMetadataStorage, ResolverObject, ResolversMap } from 'type-graphql';
import { DateTimeScalar } from './scalars';

/** `never` parameters: any subgraph's `(reference, context) => …` fits, whatever it declares. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

/** @apollo/subgraph's resolver map, which it does not export by name: type-graphql's map, typed differently, has its shape. */
type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql gives the SDL
 * and resolvers, `@apollo/subgraph` adds `_entities`/`_service` and the reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }, ...(options.scalarsMap ?? [])],
    validate: false,
    skipCheck: true,
  });
  if (!options.globalMiddlewares?.length && !options.container) resolveFieldsDirectly(schema, options.resolvers);
  const resolvers: ResolversMap = createResolversMap(schema);
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as ResolverObject | undefined), ...reference } as ResolverObject;
  }
  // type-graphql cannot describe the root types; every type carries its Chinese term (schema governance).
  const sdl = printSchemaWithDirectives(schema)
    .replace(/^type Query \{/m, '"""查询 — queries"""\ntype Query {')
    .replace(/^type Mutation \{/m, '"""变更 — mutations: one input, a payload, an optional idempotency key"""\ntype Mutation {');
  const subgraphSchema = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${sdl}`),
    resolvers: resolvers as unknown as SubgraphResolvers,
  });
  const entities = subgraphSchema.getQueryType()?.getFields()._entities;
  if (entities?.resolve) entities.resolve = entitiesWithoutAsyncWrappers(entities.resolve);
  return subgraphSchema;
}

type FieldResolverMetadata = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];

/**
 * Field resolvers of resolver classes called without type-graphql's handler, where it would only
 * pass the parameters on: no middleware, no `@Authorized`, parameters that are the parent (already
 * of its class), the context, the info or arguments of scalar and enum values. The handler builds
 * every `@Arg` through an async validation (validation is off) and waits for them with
 * `Promise.all` and a `then` — three promises for a field such as `points(year)`, a tenth of
 * scoring's CPU on a page of 100 persons (bench/profiles.md). Any other call (an input object, a
 * parent of another class) goes to type-graphql's resolver as before.
 */
function resolveFieldsDirectly(schema: GraphQLSchema, resolverClasses: BuildSchemaOptions['resolvers']): void {
  const storage = getMetadataStorage();
  const classes = new Set<unknown>(resolverClasses);
  for (const metadata of storage.fieldResolvers) {
    if (metadata.kind !== 'external' || !classes.has(metadata.target) || metadata.middlewares?.length || metadata.roles) continue;
    const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
    if (!params.every(passedOn)) continue;
    const objectClass = metadata.getObjectType?.();
    const typeName = storage.objectTypes.find((type) => type.target === objectClass)?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[metadata.schemaName] : undefined;
    if (!field?.resolve) continue;
    const library = field.resolve;
    const instance = new (metadata.target as new () => Record<string, (...values: unknown[]) => unknown>)();
    const method = instance[metadata.methodName];
    field.resolve = (root, args: Record<string, unknown>, context, info) => {
      const values: unknown[] = [];
      for (const param of params) {
        const value = paramValue(param, root, args, context, info);
        if (value === NOT_PASSED_ON) return library(root, args, context, info);
        values.push(value);
      }
      return method.apply(instance, values);
    };
  }
}

const NOT_PASSED_ON = Symbol('not passed on');

function passedOn(param: ParamMetadata): boolean {
  if (param.kind === 'arg') return param.validateFn === undefined && !param.validateSettings;
  return param.kind === 'root' || param.kind === 'context' || param.kind === 'info';
}

/**
 * A parent as type-graphql's handler passes it (its `convertToType`): a value of the class, a
 * primitive or a scalar as it is, a plain object copied onto a new instance of the class (its unset
 * fields left out). Anything else is left to the handler.
 */
function asInstance(target: unknown, value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || target instanceof GraphQLScalarType) return value;
  if (typeof target !== 'function' || value instanceof target) return typeof target === 'function' ? value : NOT_PASSED_ON;
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PASSED_ON;
  const instance = new (target as new () => Record<string, unknown>)();
  for (const key of Object.keys(instance)) if (instance[key] === undefined && !(key in value)) delete instance[key];
  return Object.assign(instance, value);
}

/** What type-graphql's handler would pass for this parameter, or NOT_PASSED_ON where it would convert the value. */
function paramValue(param: ParamMetadata, root: unknown, args: Record<string, unknown>, context: unknown, info: GraphQLResolveInfo): unknown {
  switch (param.kind) {
    case 'root': {
      const value = param.propertyName ? (root as Record<string, unknown>)[param.propertyName] : root;
      return param.getType ? asInstance(param.getType(), value) : value;
    }
    case 'context':
      return param.propertyName ? (context as Record<string, unknown>)[param.propertyName] : context;
    case 'info':
      return info;
    case 'arg': {
      const value = args[param.name];
      return value !== null && typeof value === 'object' ? NOT_PASSED_ON : value;
    }
    default:
      return NOT_PASSED_ON;
  }
}

type Representation = { __typename: string } & Record<string, unknown>;
type ResolveReference = (reference: Representation, context: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * `_entities` as @apollo/subgraph resolves it for object types, without its async function around
 * every representation's answer: a reference resolved at once stays a value, one loaded later gets
 * one `then`. The gateway sends a page's 100 persons in one call, and every promise costs Node's
 * async hooks (on wherever AsyncLocalStorage is used) as much as the field's own work. Interfaces,
 * unknown types and cache hints stay with the library's resolver.
 */
function entitiesWithoutAsyncWrappers(library: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args: { representations: Representation[] }, context, info) => {
    if ((info as { cacheControl?: unknown }).cacheControl) return library(source, args, context, info);
    return args.representations.map((reference) => {
      const type = info.schema.getType(reference.__typename);
      if (!isObjectType(type)) return (library(source, { representations: [reference] }, context, info) as unknown[])[0];
      const resolveReference = (type.extensions as { apollo?: { subgraph?: { resolveReference?: ResolveReference } } }).apollo?.subgraph?.resolveReference;
      const result = resolveReference ? resolveReference(reference, context, info) : reference;
      return isPromiseLike(result) ? result.then((value) => withTypename(value, type.name)) : withTypename(result, type.name);
    });
  };
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/** The answer marked with its type, as @apollo/subgraph marks it (a copy when it names another type). */
function withTypename(value: unknown, typename: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if ('__typename' in value && value.__typename !== typename) return { ...value, __typename: typename };
  Object.defineProperty(value, '__typename', { value: typename });
  return value;
}

/** The SDL committed in `schema/<name>.graphql` and composed into the supergraph. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema).trim() + '\n';
}
