import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isObjectType, parse } from 'graphql';
import { buildSchema, BuildSchemaOptions, createResolversMap, ResolverObject, ResolversMap } from 'type-graphql';
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
